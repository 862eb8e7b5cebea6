package org.marquee.checkin;

/** The one good answer at the door; every refusal is a problem with its own code. */
public enum CheckInResult {
    ADMITTED
}
