package org.e2v.features;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Reads {@link Describe} texts and default values off a spec record. */
public final class SpecFields {
    private SpecFields() {
    }

    /** Every component of {@code defaults} in declaration order, with its default and description. */
    public static List<SpecField> describe(Record defaults) {
        List<SpecField> fields = new ArrayList<>();
        for (RecordComponent c : defaults.getClass().getRecordComponents()) {
            Describe d = c.getAnnotation(Describe.class);
            if (d == null) {
                throw new IllegalStateException(defaults.getClass().getSimpleName() + "." + c.getName() + " has no @Describe");
            }
            Object value;
            try {
                value = c.getAccessor().invoke(defaults);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            String text = value instanceof Normalisation n ? n.id() : String.valueOf(value);
            fields.add(new SpecField(c.getName(), c.getType().getSimpleName(), text, d.value()));
        }
        return List.copyOf(fields);
    }
}
