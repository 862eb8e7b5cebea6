package org.marquee.api.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMediaTypesTest {

    @Test
    void yamlByMediaTypeQueryOrNoPreference() {
        assertTrue(OpenApiMediaTypes.wantsYaml(request(null, null)));
        assertTrue(OpenApiMediaTypes.wantsYaml(request("*/*", null)));
        assertTrue(OpenApiMediaTypes.wantsYaml(request("application/yaml", null)));
        assertTrue(OpenApiMediaTypes.wantsYaml(request("text/html, application/x-yaml;q=0.9", null)));
        assertTrue(OpenApiMediaTypes.wantsYaml(request("application/json", "yaml")));
    }

    @Test
    void jsonAndPlainTextAreLeftToPayara() {
        assertFalse(OpenApiMediaTypes.wantsYaml(request("application/json", null)));
        assertFalse(OpenApiMediaTypes.wantsYaml(request("application/json, */*", null)));
        assertFalse(OpenApiMediaTypes.wantsYaml(request("text/plain", null)));
        assertFalse(OpenApiMediaTypes.wantsYaml(request(null, "json")));
    }

    private static HttpServletRequest request(String accept, String format) {
        Map<String, String> headers = accept == null ? Map.of() : Map.of("Accept", accept);
        return (HttpServletRequest) Proxy.newProxyInstance(OpenApiMediaTypesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getParameter" -> "format".equals(args[0]) ? format : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
