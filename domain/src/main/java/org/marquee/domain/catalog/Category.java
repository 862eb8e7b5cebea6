package org.marquee.domain.catalog;

/** What kind of event it is; fans filter search by it. */
public enum Category {
    CONCERT, SPORTS, THEATRE, COMEDY, FESTIVAL, CONFERENCE, OTHER
}
