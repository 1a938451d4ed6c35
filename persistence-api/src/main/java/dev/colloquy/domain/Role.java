package dev.colloquy.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who wrote a message. Stored as the lower-case name. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String field, String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.wireName().equals(value)) {
                    return role;
                }
            }
        }
        throw new InvalidInputException(
                field,
                "unknown role '" + Text.abbreviate(value) + "'; expected one of "
                        + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
    }
}
