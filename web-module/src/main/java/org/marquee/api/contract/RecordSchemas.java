package org.marquee.api.contract;

import jakarta.json.JsonObject;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The document's component schemas, read from the records the API reads and writes (JSON-B maps each record
 * component to a member of the same name), so that a schema cannot drift from the JSON it describes. What a
 * Java type cannot say (a date-time sent as a string, an enumeration checked by the server, a bound) is said
 * by the MicroProfile {@code @Schema} annotation on the record component.
 * <p>
 * Payara's own scanner sees only the web module's classes and renders records poorly (the EJB module's DTOs
 * come out as empty objects), which is why the filter builds these instead.
 */
final class RecordSchemas {

    private static final String REF = "#/components/schemas/";

    private final Map<String, Schema> schemas = new TreeMap<>();
    private final Map<String, Class<?>> classes = new HashMap<>();

    /** The schemas built so far, by name: those of the records and enums asked for and of what they refer to. */
    Map<String, Schema> schemas() {
        return schemas;
    }

    /** A reference to the named schema of a record or enum, building it (and what it refers to) on first use. */
    Schema named(Class<?> type) {
        String name = name(type);
        Class<?> known = classes.putIfAbsent(name, type);
        if (known != null && known != type) {
            throw new IllegalStateException("two API types are called " + name + ": " + known.getName() + " and "
                    + type.getName() + "; name one with @Schema(name = ...)");
        }
        if (known == null) {
            schemas.put(name, OASFactory.createSchema());   // placeholder: a record may refer to itself
            schemas.put(name, type.isEnum() ? enumeration(type) : record(type));
        }
        return OASFactory.createSchema().ref(REF + name);
    }

    static String name(Class<?> type) {
        var annotation = type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        return annotation != null && !annotation.name().isEmpty() ? annotation.name() : type.getSimpleName();
    }

    private Schema record(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        Schema schema = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
        var annotation = type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        if (annotation != null && !annotation.description().isEmpty()) {
            schema.description(annotation.description());
        }
        List<String> required = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            var described = component.getAccessor().getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
            if (described != null && described.hidden()) {
                continue;
            }
            schema.addProperty(component.getName(), property(component.getGenericType(), described));
            if (component.getType().isPrimitive() || described != null && described.required()) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.required(required);
        }
        return schema;
    }

    private static Schema enumeration(Class<?> type) {
        List<Object> names = new ArrayList<>();
        Arrays.stream(type.getEnumConstants()).forEach(constant -> names.add(((Enum<?>) constant).name()));
        Schema schema = OASFactory.createSchema().type(Schema.SchemaType.STRING).enumeration(names);
        var annotation = type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        if (annotation != null && !annotation.description().isEmpty()) {
            schema.description(annotation.description());
        }
        return schema;
    }

    /** A component's schema: its Java type's, refined by its annotation. */
    private Schema property(Type type, org.eclipse.microprofile.openapi.annotations.media.Schema described) {
        Schema schema;
        if (described != null && described.implementation() != Void.class) {
            // as in MicroProfile OpenAPI: with type ARRAY, the implementation is the items' type
            schema = described.type() == SchemaType.ARRAY
                    ? OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(schemaOf(described.implementation()))
                    : schemaOf(described.implementation());
        } else {
            schema = schemaOf(type);
        }
        if (described == null || schema.getRef() != null) {
            return schema;   // a $ref stands alone in OpenAPI 3.0: its description lives on the named schema
        }
        if (!described.description().isEmpty()) {
            schema.description(described.description());
        }
        if (described.type() != SchemaType.DEFAULT) {
            schema.type(Schema.SchemaType.valueOf(described.type().name()));
        }
        if (!described.format().isEmpty()) {
            schema.format(described.format());
        }
        if (!described.pattern().isEmpty()) {
            schema.pattern(described.pattern());
        }
        if (described.enumeration().length > 0) {
            schema.enumeration(new ArrayList<>(List.of(described.enumeration())));
        }
        if (!described.minimum().isEmpty()) {
            schema.minimum(new BigDecimal(described.minimum()));
        }
        if (!described.maximum().isEmpty()) {
            schema.maximum(new BigDecimal(described.maximum()));
        }
        if (described.minLength() > 0) {
            schema.minLength(described.minLength());
        }
        if (described.maxLength() != Integer.MAX_VALUE) {
            schema.maxLength(described.maxLength());
        }
        if (described.minItems() != Integer.MAX_VALUE && described.minItems() > 0) {
            schema.minItems(described.minItems());
        }
        if (described.maxItems() != Integer.MIN_VALUE) {
            schema.maxItems(described.maxItems());
        }
        if (!described.defaultValue().isEmpty()) {
            schema.defaultValue(typed(schema, described.defaultValue()));
        }
        if (!described.example().isEmpty()) {
            schema.example(typed(schema, described.example()));
        }
        return schema;
    }

    private Schema schemaOf(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(schemaOf(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return OASFactory.createSchema().type(Schema.SchemaType.OBJECT).additionalPropertiesSchema(schemaOf(arguments[1]));
            }
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("no schema for " + type);
        }
        if (c == String.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING);
        }
        if (c == UUID.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uuid");
        }
        if (c == Instant.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time");
        }
        if (c == int.class || c == Integer.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32");
        }
        if (c == long.class || c == Long.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64");
        }
        if (c == boolean.class || c == Boolean.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
        }
        if (c == BigDecimal.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.NUMBER);   // JSON-B writes a BigDecimal as a number
        }
        if (JsonObject.class.isAssignableFrom(c)) {
            return OASFactory.createSchema().type(Schema.SchemaType.OBJECT).description("Any JSON object");
        }
        if (c.isEnum() || c.isRecord()) {
            return named(c);
        }
        throw new IllegalArgumentException("no schema for " + c.getName());
    }

    /** An example or default, written as its schema's JSON type (an annotation holds it as a string). */
    private static Object typed(Schema schema, String value) {
        Schema.SchemaType type = schema.getType();
        if (type == Schema.SchemaType.INTEGER) {
            return Long.valueOf(value);
        }
        if (type == Schema.SchemaType.NUMBER) {
            return new BigDecimal(value);
        }
        if (type == Schema.SchemaType.BOOLEAN) {
            return Boolean.valueOf(value);
        }
        if (type == Schema.SchemaType.ARRAY) {
            return List.of(value.split(","));
        }
        return value;
    }
}
