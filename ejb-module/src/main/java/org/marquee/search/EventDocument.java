package org.marquee.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ScaledNumberField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.SearchEntity;

/**
 * What the search index holds of an event: a plain document built from one set-based SQL query (see
 * {@link SearchIndexer}), not the JPA entity, so lazy associations and EclipseLink never meet Hibernate
 * Search. It carries everything a search hit shows except availability (which changes with every hold
 * and is read for the page in one query), so hits are projected from the index without loading events.
 *
 * <p>Cancelled and ended events stay in the index (flags and {@code endsAt}), so callers can ask for them.
 * Changing the mapping means raising {@link SearchIndex#MAPPING_VERSION}: every node then rebuilds.
 */
@SearchEntity(name = EventDocument.ENTITY)
@Indexed(index = EventDocument.INDEX)
public class EventDocument {

    public static final String ENTITY = "Event";
    public static final String INDEX = "event";

    /** Analysed text: standard tokenizer, lower case, ASCII folding, English (Porter) stemming. */
    public static final String TEXT = "marquee_text";
    /** Keywords compared case- and accent-insensitively (city filter). */
    public static final String KEY = "marquee_key";

    /** How many times {@link #getText()} holds each part: how much a word found there weighs. */
    static final int NAME_WEIGHT = 4;
    static final int PERFORMERS_WEIGHT = 3;
    static final int PLACE_WEIGHT = 2;

    private UUID id;
    private String name;
    private String description;
    private List<String> performers;
    private String venueName;
    private String city;
    private String country;
    private String category;
    private Instant startAt;
    private Instant endAt;
    private Instant saleStartAt;
    private Instant saleEndAt;
    private boolean cancelled;
    private BigDecimal minPrice;
    private String currency;

    public EventDocument() {
    }

    public EventDocument(UUID id, String name, String description, String category, Instant startAt, Instant endAt,
                         Instant saleStartAt, Instant saleEndAt, boolean cancelled, String venueName, String city,
                         String country, List<String> performers, BigDecimal minPrice, String currency) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.category = category;
        this.startAt = startAt;
        this.endAt = endAt;
        this.saleStartAt = saleStartAt;
        this.saleEndAt = saleEndAt;
        this.cancelled = cancelled;
        this.venueName = venueName;
        this.city = city;
        this.country = country;
        this.performers = performers;
        this.minPrice = minPrice;
        this.currency = currency;
    }

    @DocumentId
    public UUID getId() { return id; }

    /** The id again, as a sortable keyword: the last tie-breaker, so pages never overlap. */
    @KeywordField(name = "idKey", sortable = Sortable.YES, searchable = Searchable.NO)
    public String getIdKey() { return id == null ? null : id.toString(); }

    @KeywordField(projectable = Projectable.YES, searchable = Searchable.NO)
    public String getName() { return name; }

    /**
     * Every searched text in one field, each part as many times as it weighs: the name {@value #NAME_WEIGHT}
     * times, the performers {@value #PERFORMERS_WEIGHT}, the venue and city {@value #PLACE_WEIGHT}, the
     * description once. Words are matched and scored here: one list of events per word to walk instead of one
     * per field, and one score per word instead of a sum over five fields, since a broad word walked through
     * five fields was most of what a search cost.
     */
    @FullTextField(name = "text", analyzer = TEXT)
    public List<String> getText() {
        List<String> text = new ArrayList<>();
        repeat(text, name, NAME_WEIGHT);
        if (performers != null) {
            performers.forEach(p -> repeat(text, p, PERFORMERS_WEIGHT));
        }
        repeat(text, venueName, PLACE_WEIGHT);
        repeat(text, city, PLACE_WEIGHT);
        repeat(text, description, 1);
        return text;
    }

    private static void repeat(List<String> text, String part, int times) {
        if (part != null && !part.isBlank()) {
            for (int i = 0; i < times; i++) {
                text.add(part);
            }
        }
    }

    public String getDescription() { return description; }

    public List<String> getPerformers() { return performers; }

    @KeywordField(projectable = Projectable.YES, searchable = Searchable.NO)
    public String getVenueName() { return venueName; }

    /** Searched in {@code text}, filtered on as a folded keyword ({@code cityKey}), counted as written ({@code cityFacet}). */
    @KeywordField(projectable = Projectable.YES, searchable = Searchable.NO)
    @KeywordField(name = "cityKey", normalizer = KEY)
    @KeywordField(name = "cityFacet", aggregable = Aggregable.YES, searchable = Searchable.NO)
    public String getCity() { return city; }

    @KeywordField(projectable = Projectable.YES, searchable = Searchable.NO)
    public String getCountry() { return country; }

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    public String getCategory() { return category; }

    @GenericField(projectable = Projectable.YES, sortable = Sortable.YES)
    public Instant getStartAt() { return startAt; }

    @GenericField(projectable = Projectable.YES, searchable = Searchable.NO)
    public Instant getEndAt() { return endAt; }

    @GenericField(projectable = Projectable.YES, searchable = Searchable.NO)
    public Instant getSaleStartAt() { return saleStartAt; }

    @GenericField(projectable = Projectable.YES, searchable = Searchable.NO)
    public Instant getSaleEndAt() { return saleEndAt; }

    /** When the event is over (its end, or its start when it has no end): ended events are left out by default. */
    @GenericField
    public Instant getEndsAt() { return endAt != null ? endAt : startAt; }

    @GenericField(projectable = Projectable.YES)
    public boolean isCancelled() { return cancelled; }

    @ScaledNumberField(decimalScale = 2, projectable = Projectable.YES, sortable = Sortable.YES)
    public BigDecimal getMinPrice() { return minPrice; }

    @KeywordField(projectable = Projectable.YES, searchable = Searchable.NO)
    public String getCurrency() { return currency; }}
