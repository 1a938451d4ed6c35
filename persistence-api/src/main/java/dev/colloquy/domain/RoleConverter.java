package dev.colloquy.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a role as its lower-case wire name. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.wireName();
    }

    @Override
    public Role convertToEntityAttribute(String value) {
        return value == null ? null : Role.parse("role", value);
    }
}
