package dev.colloquy.domain;

import java.util.List;
import java.util.Optional;

/** One page of an ordered listing and the cursor to the next page, absent on the last. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
