package org.marquee.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** An artist, team or speaker; one row per name (case-insensitive), shared by their events. */
@Entity
@Table(name = "performer")
public class Performer {

    @Id
    private UUID id;

    @Column(nullable = false, length = 200)
    private String name;

    protected Performer() {
    }

    public Performer(String name) {
        this.id = UUID.randomUUID();
        this.name = name;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
}
