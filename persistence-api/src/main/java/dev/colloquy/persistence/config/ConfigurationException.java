package dev.colloquy.persistence.config;

/**
 * A setting that cannot be used. The message is one line that starts with the setting's name, so
 * a user sees at once what to fix; it never holds a password.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    public ConfigurationException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    /** What is wrong with it, without the setting's name. */
    public String problem() {
        return getMessage().substring(setting.length() + 2);
    }

    /** The setting at fault, by its environment variable name (for example {@code DATABASE_URL}). */
    public String setting() {
        return setting;
    }
}
