package dev.colloquy.persistence.config;

/**
 * What help texts say about a setting: its name, what its value is (for a flag's parameter
 * label) and a one-line description ending with its default in brackets where it has one.
 */
public record SettingHelp(String name, String valueLabel, String description) {}
