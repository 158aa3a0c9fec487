package com.skincareshop.platform.audit;

/** What an audit record says was done to a customer's data; stored as its code. */
public enum AccessAction {
    /** The profile with its history (profile-service, GET /api/profiles/{customerId}). */
    READ_PROFILE("read-profile"),
    /** The routine, either version (recommendation-service, GET /api/recommendations/{customerId}). */
    READ_ROUTINE("read-routine"),
    /** The right to erasure (profile-service, DELETE /api/profiles/{customerId}). */
    ERASE_PROFILE("erase-profile");

    private final String code;

    AccessAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
