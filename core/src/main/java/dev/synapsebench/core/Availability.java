package dev.synapsebench.core;

/**
 * Whether a backend can run here, and if not, why (one sentence a user can act on).
 *
 * @param available true when the backend's operations can be called
 * @param reason    empty when available; otherwise what is missing
 */
public record Availability(boolean available, String reason) {

    public static final Availability AVAILABLE = new Availability(true, "");

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
