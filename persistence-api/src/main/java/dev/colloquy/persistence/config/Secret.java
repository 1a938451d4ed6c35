package dev.colloquy.persistence.config;

import java.util.Objects;

/** A password. Its {@code toString} never shows it, so it cannot leak into a log or an error. */
public final class Secret {

    public static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    /** The password itself, for handing to a driver and nothing else. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "****";
    }
}
