package org.marquee.search;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analysis of the Lucene backend. Text: words (standard tokenizer), lower case, accents folded to
 * ASCII ("Zürich" = "zurich", "Café" = "cafe"), English stems ("concerts" = "concert"). Keys: lower
 * case and folded, not split. (On Elasticsearch/OpenSearch the same names are defined by an
 * ElasticsearchAnalysisConfigurer: see docs/search.md.)
 */
public class MarqueeAnalysis implements LuceneAnalysisConfigurer {

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(EventDocument.TEXT).custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding")
                .tokenFilter("porterStem");
        context.normalizer(EventDocument.KEY).custom()
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding");
    }
}
