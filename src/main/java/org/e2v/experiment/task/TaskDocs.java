package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Generates the task-file reference (docs/task-file.md) from the spec records' descriptions and
 * defaults, so the documentation cannot drift from the code. A test compares the committed file.
 */
public final class TaskDocs {
    private TaskDocs() {
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Task-file reference\n\n")
          .append("Generated from the spec records by `TaskDocs` (a test keeps this file in step). A task file is\n")
          .append("YAML (or JSON with a `.json` name). Every key is optional: a missing key takes the default shown.\n")
          .append("Unknown keys are errors, so a typo never silently falls back to a default.\n\n")
          .append("| key | type | default | meaning |\n|---|---|---|---|\n");
        walk(TaskSpec.class, defaults(TaskSpec.class), "", sb);
        return sb.toString();
    }

    private static void walk(Class<?> type, Object defaults, String prefix, StringBuilder sb) {
        for (RecordComponent c : type.getRecordComponents()) {
            java.lang.reflect.Field field = field(type, c.getName());
            String key = prefix + field.getAnnotation(JsonProperty.class).value();
            JsonPropertyDescription d = field.getAnnotation(JsonPropertyDescription.class);
            Object value = get(c, defaults);
            if (c.getType().isRecord()) {
                sb.append("| `").append(key).append("` | section | | ").append(d == null ? "" : d.value()).append(" |\n");
                walk(c.getType(), value, key + ".", sb);
            } else {
                sb.append("| `").append(key).append("` | ").append(typeName(c.getType())).append(" | ")
                  .append(format(value)).append(" | ").append(d == null ? "" : d.value().replace("|", "\\|")).append(" |\n");
            }
        }
    }

    // Jackson's annotations do not target record components; javac copies them to the fields.
    private static java.lang.reflect.Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record with every field at its default (all components null). */
    static Object defaults(Class<?> type) {
        try {
            Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(new Object[types.length]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no defaults for " + type, e);
        }
    }

    private static Object get(RecordComponent c, Object target) {
        try {
            return c.getAccessor().invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String typeName(Class<?> t) {
        if (t == Integer.class || t == Long.class) {
            return "integer";
        }
        if (t == Double.class) {
            return "number";
        }
        if (t == Boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(t)) {
            return "list";
        }
        return "text";
    }

    private static String format(Object v) {
        if (v == null) {
            return "(none)";
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? "[]" : "`" + l + "`";
        }
        return "`" + v + "`";
    }
}
