package org.marquee.api.contract;

import jakarta.ws.rs.core.HttpHeaders;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import org.marquee.api.IdempotentRequests;
import org.marquee.api.Paging;
import org.marquee.api.Problem;
import org.marquee.error.ProblemCode;

/**
 * Turns what Payara derives from the resources' annotations into the published contract (mp.openapi.filter).
 * The resources say what is particular to each operation (operationId, summary, description, bodies, headers,
 * statuses); this says, once, what holds for all of them:
 * <ul>
 *   <li>a body an annotation types by a record or enum refers to that type's schema, built from it
 *       ({@link RecordSchemas}); the component schemas are those;</li>
 *   <li>every 4xx/5xx is {@code application/problem+json} with the Problem schema; a 401 names its challenge, a
 *       429 or 503 its Retry-After;</li>
 *   <li>paths are relative to the server {@code /api/v1}; path ids are UUIDs; page and size are bounded integers;</li>
 *   <li>no {@code *}/{@code *} alternative: a client sends and accepts the media types an operation declares;</li>
 *   <li>an operation without a security requirement says so ({@code [{}]}: Payara's writer leaves out an empty
 *       list, and an empty requirement means the same: no credentials needed);</li>
 *   <li>one root tag per name; inline schemas lose the empty bounds Payara writes for unset annotation members;</li>
 *   <li>Payara's non-standard top-level {@code endpoints} member is dropped.</li>
 * </ul>
 */
public class ContractFilter implements OASFilter {

    static final String BASE = "/api/v1";
    private static final String REF = "#/components/schemas/";
    private static final String PROBLEM = REF + ProblemDocument.class.getAnnotation(
            org.eclipse.microprofile.openapi.annotations.media.Schema.class).name();

    private final RecordSchemas records = new RecordSchemas();

    @Override
    public void filterOpenAPI(OpenAPI api) {
        records.named(ProblemDocument.class);
        records.schemas().get("Problem").getProperties().get("code").description("Stable UPPER_SNAKE name of the error, one of "
                + Arrays.stream(ProblemCode.values()).map(Enum::name).collect(Collectors.joining(", "))
                + " (more may be added: treat an unknown one by its status)");
        api.setPaths(relative(api.getPaths()));
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(this::operation));
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().setSchemas(referred(api, records.schemas()));
        api.getComponents().addHeader(HttpHeaders.ETAG, OASFactory.createHeader()
                .description("strong validator of this representation: send it back in If-None-Match for a 304")
                .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
        api.getComponents().addHeader(IdempotentRequests.REPLAYED, OASFactory.createHeader()
                .description("true: the first answer to this Idempotency-Key, sent again; nothing was done twice")
                .schema(OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN)));
        api.setTags(distinct(api.getTags()));
        api.setServers(new ArrayList<>(List.of(OASFactory.createServer().url(BASE)
                .description("this server (paths are relative to it)"))));
        dropEndpoints(api);
    }

    private static Paths relative(Paths paths) {
        Paths result = OASFactory.createPaths();
        new TreeMap<>(paths.getPathItems()).forEach((path, item) ->
                result.addPathItem(path.startsWith(BASE + "/") ? path.substring(BASE.length()) : path, item));
        return result;
    }

    private void operation(Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(this::parameter);
        }
        if (operation.getRequestBody() != null) {
            content(operation.getRequestBody().getContent());
            exemplify(operation.getRequestBody().getContent());
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (!secured) {
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement())));
        }
        if (operation.getResponses() != null) {
            if (operation.getRequestBody() != null) {   // BodySizeLimit
                add(operation, "413", "PAYLOAD_TOO_LARGE: the body is over 1 MiB");
            }
            if (secured) {   // every secured operation allows some roles only
                add(operation, "401", "UNAUTHENTICATED: no token, or an expired, altered or foreign one");
                add(operation, "403", "FORBIDDEN: the token's roles may not do this");
            }
            operation.getResponses().getAPIResponses().forEach(this::response);
        }
    }

    private void parameter(Parameter parameter) {
        if (Boolean.FALSE.equals(parameter.getDeprecated())) {
            parameter.setDeprecated(null);
        }
        if (Boolean.FALSE.equals(parameter.getAllowEmptyValue())) {
            parameter.setAllowEmptyValue(null);
        }
        if (Boolean.FALSE.equals(parameter.getAllowReserved())) {
            parameter.setAllowReserved(null);
        }
        if (parameter.getIn() == Parameter.In.PATH) {
            parameter.setSchema(OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uuid"));   // Ids.parse
            return;
        }
        if (parameter.getIn() == Parameter.In.QUERY && "page".equals(parameter.getName())) {
            parameter.setSchema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32")
                    .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Paging.MAX_PAGE)).defaultValue(0));
            return;
        }
        if (parameter.getIn() == Parameter.In.QUERY && "size".equals(parameter.getName())) {
            parameter.setSchema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32")
                    .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(Paging.MAX_SIZE)).defaultValue(Paging.DEFAULT_SIZE));
            return;
        }
        if (parameter.getIn() == Parameter.In.HEADER && IdempotentRequests.HEADER.equalsIgnoreCase(parameter.getName())) {
            parameter.setSchema(OASFactory.createSchema().type(Schema.SchemaType.STRING).minLength(1).maxLength(255)
                    .pattern("^[\\x21-\\x7E]+$"));   // IdempotentRequests.key: visible ASCII
            return;
        }
        parameter.setSchema(typed(parameter.getSchema()));
    }

    private static void add(Operation operation, String status, String description) {
        if (!operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private void response(String status, APIResponse response) {
        if ("201".equals(status) && (response.getHeaders() == null || !response.getHeaders().containsKey(HttpHeaders.LOCATION))) {
            response.addHeader(HttpHeaders.LOCATION, OASFactory.createHeader().description("the URL of what was created")
                    .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uri")));
        }
        if (status.startsWith("4") || status.startsWith("5")) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
            if ("401".equals(status)) {
                response.addHeader(Problem.WWW_AUTHENTICATE, OASFactory.createHeader()
                        .description("Bearer, the scheme the API wants").schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
            }
            if ("429".equals(status) || "503".equals(status)) {
                response.addHeader("Retry-After", OASFactory.createHeader()
                        .description("Seconds to wait before trying again: not less")
                        .schema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64").minimum(BigDecimal.ZERO)));
            }
            return;
        }
        content(response.getContent());
        if (response.getHeaders() != null) {
            response.getHeaders().values().forEach(header -> header.setSchema(clean(header.getSchema())));
        }
    }

    private void content(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.removeMediaType("*/*");
        for (MediaType type : content.getMediaTypes().values()) {
            type.setSchema(typed(type.getSchema()));
        }
    }

    /**
     * A schema that names a record or enum ({@code @Schema(implementation = EventView.class)}, kept by Payara as the
     * implementation's class name) becomes a reference to that type's schema, built from it; any other is cleaned.
     */
    private Schema typed(Schema schema) {
        Class<?> type = implementation(schema);
        if (type != null && (type.isRecord() || type.isEnum())) {
            Schema ref = records.named(type);
            return schema.getType() == Schema.SchemaType.ARRAY ? OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(ref) : ref;
        }
        return clean(schema);
    }

    /** The class an annotation named as a schema's implementation, if Payara kept it (its SchemaImpl does). */
    private static Class<?> implementation(Schema schema) {
        if (schema == null) {
            return null;
        }
        String name;
        try {
            name = (String) schema.getClass().getMethod("getImplementation").invoke(schema);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        while (name != null) {
            try {
                return Class.forName(name, false, ContractFilter.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                int dot = name.lastIndexOf('.');   // a nested class may be written Outer.Inner
                name = dot < 0 ? null : name.substring(0, dot) + '$' + name.substring(dot + 1);
            }
        }
        return null;
    }

    /** A request body's example, made of its record's property examples (so the linters check it against the schema). */
    private void exemplify(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType type : content.getMediaTypes().values()) {
            Object example = example(type.getSchema(), 0);
            if (example != null && type.getExample() == null) {
                type.setExample(example);
            }
        }
    }

    /**
     * An example of a schema: its own, its first enumeration value, an array of one example item, or an object of
     * its properties' examples; null when there is none or a required property has none.
     */
    private Object example(Schema schema, int depth) {
        if (schema == null || depth > 8) {
            return null;
        }
        if (schema.getRef() != null) {
            return schema.getRef().startsWith(REF) ? example(records.schemas().get(schema.getRef().substring(REF.length())), depth + 1) : null;
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        if (schema.getType() == Schema.SchemaType.ARRAY) {
            Object item = example(schema.getItems(), depth + 1);
            return item == null ? null : List.of(item);
        }
        if (schema.getType() != Schema.SchemaType.OBJECT || schema.getProperties() == null) {
            return null;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            Object value = example(property.getValue(), depth + 1);
            if (value != null) {
                object.put(property.getKey(), value);
            } else if (required.contains(property.getKey())) {
                return null;
            }
        }
        return object.isEmpty() ? null : object;
    }

    private static void dropIfFalse(Boolean value, java.util.function.Consumer<Boolean> setter) {
        if (Boolean.FALSE.equals(value)) {
            setter.accept(null);
        }
    }

    /** An inline schema without what Payara writes for annotation members left at their defaults. */
    static Schema clean(Schema schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getRef() != null) {
            return OASFactory.createSchema().ref(schema.getRef());   // $ref siblings are ignored in OpenAPI 3.0
        }
        Schema.SchemaType type = schema.getType();
        // a boolean member left false is the default: written out, it only clutters the document
        dropIfFalse(schema.getNullable(), schema::setNullable);
        dropIfFalse(schema.getReadOnly(), schema::setReadOnly);
        dropIfFalse(schema.getWriteOnly(), schema::setWriteOnly);
        dropIfFalse(schema.getDeprecated(), schema::setDeprecated);
        dropIfFalse(schema.getExclusiveMinimum(), schema::setExclusiveMinimum);
        dropIfFalse(schema.getExclusiveMaximum(), schema::setExclusiveMaximum);
        dropIfFalse(schema.getUniqueItems(), schema::setUniqueItems);
        if (schema.getMinLength() != null && schema.getMinLength() == 0) {
            schema.setMinLength(null);
        }
        if (schema.getMinProperties() != null && schema.getMinProperties() == 0) {
            schema.setMinProperties(null);
        }
        if (schema.getDefaultValue() instanceof String value) {   // annotations hold defaults as strings
            schema.setDefaultValue(type == Schema.SchemaType.BOOLEAN ? Boolean.valueOf(value)
                    : type == Schema.SchemaType.INTEGER ? Long.valueOf(value)
                    : type == Schema.SchemaType.NUMBER ? new BigDecimal(value) : value);
        }
        if (type != Schema.SchemaType.OBJECT && type != null) {
            schema.setProperties(null);
            schema.setAdditionalPropertiesSchema(null);
            schema.setAdditionalPropertiesBoolean(null);
            schema.setRequired(null);
        }
        if (type != Schema.SchemaType.STRING) {
            schema.setMinLength(null);
            schema.setMaxLength(null);
            schema.setPattern(null);
        }
        if (type != Schema.SchemaType.OBJECT) {
            schema.setMaxProperties(null);
            schema.setMinProperties(null);
        } else if (schema.getMaxProperties() != null && schema.getMaxProperties() == 0) {
            schema.setMaxProperties(null);
        }
        if (type != Schema.SchemaType.ARRAY) {
            schema.setUniqueItems(null);
            schema.setMinItems(null);
            schema.setMaxItems(null);
        } else {
            schema.setItems(clean(schema.getItems()));
        }
        if (type != Schema.SchemaType.INTEGER && type != Schema.SchemaType.NUMBER) {
            schema.setMinimum(null);
            schema.setMaximum(null);
            schema.setExclusiveMinimum(null);
            schema.setExclusiveMaximum(null);
            schema.setMultipleOf(null);
        }
        if (schema.getProperties() != null) {
            Map<String, Schema> properties = new LinkedHashMap<>();
            schema.getProperties().forEach((name, property) -> properties.put(name, clean(property)));
            schema.setProperties(properties);
        }
        return schema;
    }

    /** The schemas the operations refer to, directly or through other schemas: an unused one would be noise. */
    private static Map<String, Schema> referred(OpenAPI api, Map<String, Schema> schemas) {
        Set<String> names = new HashSet<>();
        List<Schema> pending = new ArrayList<>();
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> pending.add(p.getSchema()));
                }
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values().forEach(m -> pending.add(m.getSchema()));
                }
                if (operation.getResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        if (response.getContent() != null) {
                            response.getContent().getMediaTypes().values().forEach(m -> pending.add(m.getSchema()));
                        }
                    }
                }
            }
        }
        while (!pending.isEmpty()) {
            Schema schema = pending.remove(pending.size() - 1);
            if (schema == null) {
                continue;
            }
            if (schema.getRef() != null && schema.getRef().startsWith(REF)) {
                String name = schema.getRef().substring(REF.length());
                if (names.add(name) && schemas.containsKey(name)) {
                    pending.add(schemas.get(name));
                }
                continue;
            }
            pending.add(schema.getItems());
            pending.add(schema.getAdditionalPropertiesSchema());
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
        }
        Map<String, Schema> used = new TreeMap<>(schemas);
        used.keySet().retainAll(names);
        return used;
    }

    /** One tag per name (Payara adds one per annotated class), with its description wherever it was given. */
    private static List<Tag> distinct(List<Tag> tags) {
        Map<String, Tag> byName = new TreeMap<>();
        if (tags != null) {
            for (Tag tag : tags) {
                Tag known = byName.putIfAbsent(tag.getName(), tag);
                if (known != null && known.getDescription() == null) {
                    byName.put(tag.getName(), tag);
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * Payara adds a top-level {@code endpoints} member (context roots and paths) that is not OpenAPI; generators
     * refuse it. Its writer leaves out empty maps, so emptying it removes it. Payara has no switch for it, hence
     * reflection, and nothing is done if its model changes.
     */
    private static void dropEndpoints(OpenAPI api) {
        try {
            Object endpoints = api.getClass().getMethod("getEndpoints").invoke(api);
            if (endpoints instanceof Map<?, ?> map) {
                map.clear();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another implementation: no such member
        }
    }
}
