package org.marquee.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventDocumentTest {

    private static EventDocument event(String name, String description, String venue, String city, List<String> performers) {
        Instant start = Instant.parse("2027-03-01T19:00:00Z");
        return new EventDocument(UUID.randomUUID(), name, description, "CONCERT", start, null, start.minusSeconds(86_400), start,
                false, venue, city, "CH", performers, null, "CHF");
    }

    @Test
    void theSearchedTextHoldsEachPartAsManyTimesAsItWeighs() {
        List<String> text = event("Jazz Night", "An evening of jazz", "Blue Hall", "Basel", List.of("Ann Lee", "Bo Kim")).getText();

        assertEquals(EventDocument.NAME_WEIGHT, Collections.frequency(text, "Jazz Night"));
        assertEquals(EventDocument.PERFORMERS_WEIGHT, Collections.frequency(text, "Ann Lee"));
        assertEquals(EventDocument.PERFORMERS_WEIGHT, Collections.frequency(text, "Bo Kim"));
        assertEquals(EventDocument.PLACE_WEIGHT, Collections.frequency(text, "Blue Hall"));
        assertEquals(EventDocument.PLACE_WEIGHT, Collections.frequency(text, "Basel"));
        assertEquals(1, Collections.frequency(text, "An evening of jazz"));
        assertEquals(4 + 2 * 3 + 2 + 2 + 1, text.size());
    }

    @Test
    void missingAndBlankPartsAreLeftOut() {
        List<String> text = event("Solo", null, " ", null, null).getText();

        assertEquals(List.of("Solo", "Solo", "Solo", "Solo"), text);
    }

}
