package org.marquee.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SearchSampleTest {

    @Test
    void sequentialIdsSpreadEvenlyOverTheBuckets() {
        int[] counts = new int[SearchSample.BUCKETS];
        int n = 1_024_000;
        for (long i = 1; i <= n; i++) {
            UUID id = new UUID(0x0000000100004000L, 0x8000000000000000L | i);
            int b = SearchSample.bucket(id);
            assertTrue(b >= 0 && b < SearchSample.BUCKETS);
            counts[b]++;
        }
        for (int c : counts) {
            // 1,000 expected in each; 4.5 standard deviations either side
            assertTrue(c > 850 && c < 1150, "bucket count " + c);
        }
    }

    @Test
    void randomIdsFillTheFirstBucketsInProportion() {
        int inFirst8 = 0;
        for (int i = 0; i < 1_024_000; i++) {
            if (SearchSample.bucket(UUID.randomUUID()) < 8) {
                inFirst8++;
            }
        }
        assertTrue(inFirst8 > 7_600 && inFirst8 < 8_400, "in 8 buckets: " + inFirst8);
    }

    @Test
    void theSampleIsSizedForTheIndex() {
        assertEquals(SearchSample.BUCKETS, SearchSample.bucketsFor(50_000, 0));
        assertEquals(SearchSample.BUCKETS, SearchSample.bucketsFor(50_000, 40_000));
        assertEquals(52, SearchSample.bucketsFor(50_000, 1_000_000));
        assertEquals(11, SearchSample.bucketsFor(10_000, 1_000_000));
        assertEquals(2, SearchSample.bucketsFor(10_000, 10_000_000));
        assertEquals(1, SearchSample.bucketsFor(50_000, 1_000_000_000));
    }

    @Test
    void sampledCountsAreScaledToTheWholeIndex() {
        assertEquals(102_400, SearchSample.scale(500, 5));
        assertEquals(7, SearchSample.scale(7, SearchSample.BUCKETS));
        Map<String, Long> sampled = new LinkedHashMap<>();
        sampled.put("Paris", 10L);
        sampled.put("Bern", 3L);
        assertEquals(Map.of("Paris", 1_280L, "Bern", 384L), SearchSample.scale(sampled, 8));
        assertEquals("Paris", SearchSample.scale(sampled, 8).keySet().iterator().next());
    }
}
