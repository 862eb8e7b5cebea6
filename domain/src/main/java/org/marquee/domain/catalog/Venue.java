package org.marquee.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A place events happen at. Shared by every event held there. */
@Entity
@Table(name = "venue")
public class Venue {

    @Id
    private UUID id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 200)
    private String city;

    @Column(nullable = false, length = 2)
    private String country;

    @Column(length = 500)
    private String address;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected Venue() {
    }

    public Venue(String name, String city, String country, String address) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.city = city;
        this.country = country;
        this.address = address;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public String getCity() { return city; }
    public String getCountry() { return country; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
}
