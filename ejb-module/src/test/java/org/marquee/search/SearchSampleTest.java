package org.marquee.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.search.DocIdSetIterator;
import org.junit.jupiter.api.Test;

class SearchSampleTest {

    @Test
    void aLargeSegmentIsSampledInRunsOfConsecutiveDocuments() {
        int maxDoc = 200 * SearchSample.BUCKETS + 5;
        assertTrue(SearchSample.contains(0, maxDoc, 11));
        assertTrue(SearchSample.contains(10, maxDoc, 11));
        assertFalse(SearchSample.contains(11, maxDoc, 11));
        assertTrue(SearchSample.contains(SearchSample.BUCKETS, maxDoc, 11));
        assertEquals(5, SearchSample.next(5, maxDoc, 11));
        assertEquals(SearchSample.BUCKETS, SearchSample.next(11, maxDoc, 11));
        assertEquals(3 * SearchSample.BUCKETS, SearchSample.next(2 * SearchSample.BUCKETS + 500, maxDoc, 11));
        assertEquals(maxDoc, SearchSample.next(200 * SearchSample.BUCKETS + 5, maxDoc, 11));
        assertEquals(200 * 11 + 5, SearchSample.size(maxDoc, 11));
        assertEquals(200 * 11 + 5, walk(maxDoc, 11));
    }

    @Test
    void aSmallSegmentIsSampledInProportionDocumentByDocument() {
        int maxDoc = 60_000;
        int sampled = walk(maxDoc, 16);
        // 937.5 expected; 4.5 standard deviations either side
        assertTrue(sampled > 800 && sampled < 1_075, "sampled " + sampled);
        assertTrue(Math.abs(SearchSample.size(maxDoc, 16) - 938) <= 1);
        // the first documents of a tiny segment are not all in it
        assertTrue(walk(20, 11) < 5);
    }

    @Test
    void everyBucketIsTheWholeSegment() {
        assertEquals(70_000, walk(70_000, SearchSample.BUCKETS));
        assertEquals(500, walk(500, SearchSample.BUCKETS));
    }

    @Test
    void theIteratorVisitsTheSampleInOrder() throws Exception {
        int maxDoc = 100 * SearchSample.BUCKETS;
        var it = new SampleQuery.SampleIterator(maxDoc, 3);
        assertEquals(0, it.nextDoc());
        assertEquals(1, it.nextDoc());
        assertEquals(2, it.nextDoc());
        assertEquals(SearchSample.BUCKETS, it.nextDoc());
        assertEquals(5 * SearchSample.BUCKETS, it.advance(4 * SearchSample.BUCKETS + 3));
        assertEquals(DocIdSetIterator.NO_MORE_DOCS, it.advance(maxDoc));
    }

    /** How many documents of a segment of {@code maxDoc} are in a sample of {@code buckets}, counted one by one. */
    private static int walk(int maxDoc, int buckets) {
        int n = 0;
        int expectedNext = SearchSample.next(0, maxDoc, buckets);
        for (int doc = 0; doc < maxDoc; doc++) {
            if (SearchSample.contains(doc, maxDoc, buckets)) {
                assertEquals(expectedNext, doc, "next() agrees with contains()");
                expectedNext = SearchSample.next(doc + 1, maxDoc, buckets);
                n++;
            }
        }
        assertEquals(maxDoc, expectedNext);
        return n;
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
