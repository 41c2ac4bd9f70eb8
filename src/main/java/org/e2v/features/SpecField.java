package org.e2v.features;

/**
 * Description of one field of a spec record, for CLI help and GUI tooltips.
 *
 * @param name         the record component name (also the JSON key and the CLI override key)
 * @param type         simple type name ("int", "double", "Normalisation")
 * @param defaultValue the default as text
 * @param description  one line saying what it means, with its unit
 */
public record SpecField(String name, String type, String defaultValue, String description) {
}
