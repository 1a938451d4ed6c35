package dev.colloquy.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A persistence unit as a standard {@code META-INF/persistence.xml} on the class path declares
 * it: what Colloquy reads of it (provider, mapping files, managed classes, properties).
 *
 * @param name the unit's name
 * @param provider the provider's class name, when the unit names one
 * @param mappingFiles its mapping files, as class path resources
 * @param classes its managed classes' names
 * @param properties its properties, in their order
 */
public record PersistenceUnit(
        String name,
        Optional<String> provider,
        List<String> mappingFiles,
        List<String> classes,
        Map<String, String> properties) {

    static final String DESCRIPTOR = "META-INF/persistence.xml";

    /** The unit named {@code name} in any {@code META-INF/persistence.xml} that {@code loader} sees. */
    public static PersistenceUnit named(String name, ClassLoader loader) {
        try {
            for (URL file : Collections.list(loader.getResources(DESCRIPTOR))) {
                try (InputStream in = file.openStream()) {
                    var unit = find(name, in);
                    if (unit.isPresent()) {
                        return unit.get();
                    }
                } catch (XMLStreamException e) {
                    throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DESCRIPTOR + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no persistence unit '" + name + "' in a " + DESCRIPTOR + " on the class path");
    }

    private static Optional<PersistenceUnit> find(String wanted, InputStream in) throws XMLStreamException {
        var factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT
                        && xml.getLocalName().equals("persistence-unit")
                        && wanted.equals(xml.getAttributeValue(null, "name"))) {
                    return Optional.of(readUnit(wanted, xml));
                }
            }
            return Optional.empty();
        } finally {
            xml.close();
        }
    }

    /** Reads the unit's children up to its end tag. */
    private static PersistenceUnit readUnit(String name, XMLStreamReader xml) throws XMLStreamException {
        String provider = null;
        var mappingFiles = new ArrayList<String>();
        var classes = new ArrayList<String>();
        var properties = new LinkedHashMap<String, String>();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "provider" -> provider = xml.getElementText().strip();
                    case "mapping-file" -> mappingFiles.add(xml.getElementText().strip());
                    case "class" -> classes.add(xml.getElementText().strip());
                    case "property" -> {
                        properties.put(xml.getAttributeValue(null, "name"), xml.getAttributeValue(null, "value"));
                        depth++;
                    }
                    default -> depth++;
                }
            }
        }
        return new PersistenceUnit(
                name,
                Optional.ofNullable(provider),
                List.copyOf(mappingFiles),
                List.copyOf(classes),
                Collections.unmodifiableMap(properties));
    }
}
