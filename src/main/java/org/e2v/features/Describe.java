package org.e2v.features;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One-line description of a spec record component, read at run time by {@link SpecFields} for
 * CLI help and GUI tooltips (so the text lives next to the field and its default, not in widgets).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Describe {
    /** What the field means, with its unit. */
    String value();
}
