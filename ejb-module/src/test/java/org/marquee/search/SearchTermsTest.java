package org.marquee.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTermsTest {

    @Test
    void nothingTypedIsNoWords() {
        assertEquals(List.of(), SearchTerms.of(null));
        assertEquals(List.of(), SearchTerms.of(""));
        assertEquals(List.of(), SearchTerms.of(" \t\n"));
        assertEquals(List.of(), SearchTerms.of("\"*:()[]{}~^-+!&&||"));
    }

    @Test
    void querySyntaxOnlySeparatesWords() {
        assertEquals(List.of("jazz", "and", "title", "paris", "2027"), SearchTerms.of("Jazz AND title:\"Paris\" -2027*"));
        assertEquals(List.of("rock", "roll"), SearchTerms.of("rock&roll"));
        assertEquals(List.of("concert"), SearchTerms.of("🎸 concert\u0000"));
    }

    @Test
    void wordsAreLowerCasedAndCountedOnce() {
        assertEquals(List.of("jazz", "night"), SearchTerms.of("JAZZ night Jazz NIGHT jazz"));
    }

    @Test
    void lettersOfEveryScriptAndTheirAccentsStayInTheWord() {
        assertEquals(List.of("café", "zoë"), SearchTerms.of("Café Zoë"));
        // e followed by a combining acute accent is one word, not "cafe" and a separator
        assertEquals(List.of("cafe\u0301"), SearchTerms.of("cafe\u0301"));
        assertEquals(List.of("東京", "ドーム"), SearchTerms.of("東京 ドーム"));
    }

    @Test
    void atMostTenWordsOfAtMostFiftyCharacters() {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            q.append("w").append(i).append(' ');
        }
        List<String> terms = SearchTerms.of(q.toString());
        assertEquals(SearchTerms.MAX_TERMS, terms.size());
        assertEquals("w0", terms.get(0));
        assertEquals("w9", terms.get(9));
        assertEquals(List.of("a".repeat(SearchTerms.MAX_TERM_LENGTH)), SearchTerms.of("A".repeat(500)));
    }

    @Test
    void onlyTheFirstThousandCharactersAreRead() {
        String q = " ".repeat(SearchTerms.MAX_QUERY_LENGTH - 3) + "abcdef";
        assertEquals(List.of("abc"), SearchTerms.of(q));
    }
}
