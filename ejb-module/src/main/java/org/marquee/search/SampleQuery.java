package org.marquee.search;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/** The documents of a counting sample of {@code buckets} buckets (see {@link SearchSample}), as a Lucene filter. */
final class SampleQuery extends Query {

    private final int buckets;

    SampleQuery(int buckets) {
        if (buckets < 1 || buckets > SearchSample.BUCKETS) {
            throw new IllegalArgumentException("buckets: " + buckets);
        }
        this.buckets = buckets;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) {
                return new ConstantScoreScorer(this, score(), scoreMode, new SampleIterator(context.reader().maxDoc(), buckets));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return true; // depends on document numbers only
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "sample(" + buckets + "/" + SearchSample.BUCKETS + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && buckets == ((SampleQuery) other).buckets;
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + buckets;
    }

    /** The sample's documents of one segment, in order. */
    static final class SampleIterator extends DocIdSetIterator {
        private final int maxDoc;
        private final int buckets;
        private int doc = -1;

        SampleIterator(int maxDoc, int buckets) {
            this.maxDoc = maxDoc;
            this.buckets = buckets;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public int nextDoc() throws IOException {
            return advance(doc + 1);
        }

        @Override
        public int advance(int target) {
            int next = target >= maxDoc ? maxDoc : SearchSample.next(target, maxDoc, buckets);
            doc = next >= maxDoc ? NO_MORE_DOCS : next;
            return doc;
        }

        @Override
        public long cost() {
            return SearchSample.size(maxDoc, buckets);
        }
    }
}
