package dev.colloquy.app.cli;

import dev.colloquy.app.config.AppSettings;
import dev.colloquy.persistence.DatabaseSettings;
import dev.colloquy.persistence.config.SettingHelp;
import dev.colloquy.persistence.spi.Backends;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The database flags of every command that opens a database, one per setting with that
 * setting's meaning: the shared {@code DB_*} ones ({@link DatabaseSettings#SHARED}) and those the
 * installed backends declare (a file path, server variables), so this class names no database.
 */
public class DatabaseOptions {

    final Map<String, String> values = new LinkedHashMap<>();

    /** Adds a flag for every shared setting and every setting an installed backend declares. */
    void addFlags(CommandSpec command, Backends backends) {
        DatabaseSettings.SHARED.forEach(setting -> addFlag(command, setting));
        for (var backend : backends.all()) {
            var declared = new LinkedHashMap<>(backend.connections().settings());
            declared.putAll(backend.connections().options());
            declared.forEach((name, description) -> addFlag(command, new SettingHelp(name, "VALUE", description)));
        }
    }

    private void addFlag(CommandSpec command, SettingHelp setting) {
        command.addOption(OptionSpec.builder(AppSettings.flag(setting.name()))
                .paramLabel(setting.valueLabel())
                .type(String.class)
                .description(setting.description() + " (" + setting.name() + ")")
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T value) {
                        if (value != null) {
                            values.put(setting.name(), value.toString());
                        }
                        return null;
                    }
                })
                .build());
    }
}
