package org.marquee.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever a user typed into words: runs of letters (with their combining marks) and digits.
 * Everything else (quotes, operators, brackets, colons, control characters, emoji) only separates
 * words, so nothing a user types is ever query syntax. At most {@link #MAX_TERMS} distinct words of at
 * most {@link #MAX_TERM_LENGTH} characters are kept.
 */
public final class SearchTerms {

    public static final int MAX_QUERY_LENGTH = 1000;
    public static final int MAX_TERMS = 10;
    public static final int MAX_TERM_LENGTH = 50;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

    private SearchTerms() {
    }

    public static List<String> of(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        Set<String> terms = new LinkedHashSet<>();
        Matcher m = WORD.matcher(q.length() > MAX_QUERY_LENGTH ? q.substring(0, MAX_QUERY_LENGTH) : q);
        while (m.find() && terms.size() < MAX_TERMS) {
            String word = m.group();
            if (word.length() > MAX_TERM_LENGTH) {
                word = word.substring(0, MAX_TERM_LENGTH);
            }
            terms.add(word.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(terms);
    }
}
