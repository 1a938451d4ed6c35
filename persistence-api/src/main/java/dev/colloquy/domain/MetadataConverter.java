package dev.colloquy.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores metadata as its canonical JSON text; each backend's column type gives it JSON meaning. */
@Converter
public class MetadataConverter implements AttributeConverter<Metadata, String> {

    @Override
    public String convertToDatabaseColumn(Metadata metadata) {
        return metadata == null ? Metadata.EMPTY.json() : metadata.json();
    }

    @Override
    public Metadata convertToEntityAttribute(String json) {
        return json == null ? Metadata.EMPTY : Metadata.parse("metadata", json);
    }
}
