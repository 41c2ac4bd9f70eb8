package org.e2v.ui.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.reflect.RecordComponent;

/** The one-line descriptions of task spec fields (their {@code @JsonPropertyDescription}), for tooltips. */
public final class SpecDescriptions {
    private SpecDescriptions() {
    }

    /**
     * The description of the field of {@code record} whose JSON name is {@code jsonName}
     * ("learning_rate"), prefixed by that name; the name alone when it has none.
     */
    public static String of(Class<? extends Record> record, String jsonName) {
        for (RecordComponent c : record.getRecordComponents()) {
            JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
            JsonProperty fp = field(record, c.getName(), JsonProperty.class);
            String name = p != null ? p.value() : fp != null ? fp.value() : c.getName();
            if (name.equals(jsonName)) {
                JsonPropertyDescription d = c.getAnnotation(JsonPropertyDescription.class);
                if (d == null) {
                    d = field(record, c.getName(), JsonPropertyDescription.class);
                }
                return d == null ? jsonName : jsonName + ": " + d.value();
            }
        }
        throw new IllegalArgumentException(record.getSimpleName() + " has no field " + jsonName);
    }

    private static <A extends java.lang.annotation.Annotation> A field(Class<?> type, String name, Class<A> annotation) {
        try {
            return type.getDeclaredField(name).getAnnotation(annotation);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
