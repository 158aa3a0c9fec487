package com.skincareshop.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audited access to a customer's data: who, what, when. Never an answer. */
@Entity
@Table(name = "access_audit")
public class AccessRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "recorded_at")
    Instant recordedAt;

    String subject;

    String actor;

    String role;

    String action;

    @Column(name = "customer_id")
    String customerId;

    @Column(name = "http_method")
    String httpMethod;

    @Column(name = "path_template")
    String pathTemplate;

    protected AccessRecord() {
        // for JPA
    }

    AccessRecord(
            Instant recordedAt,
            String subject,
            String actor,
            String role,
            AccessAction action,
            String customerId,
            String httpMethod,
            String pathTemplate) {
        this.recordedAt = recordedAt;
        this.subject = subject;
        this.actor = actor;
        this.role = role;
        this.action = action.code();
        this.customerId = customerId;
        this.httpMethod = httpMethod;
        this.pathTemplate = pathTemplate;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String subject() {
        return subject;
    }

    /** The party that acted for the subject ({@code act} of a delegated token), or null. */
    public String actor() {
        return actor;
    }

    public String role() {
        return role;
    }

    public String action() {
        return action;
    }

    public String customerId() {
        return customerId;
    }

    public String httpMethod() {
        return httpMethod;
    }

    public String pathTemplate() {
        return pathTemplate;
    }
}
