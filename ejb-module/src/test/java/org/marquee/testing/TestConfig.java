package org.marquee.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * MicroProfile Config for unit tests, which run without Payara and so without its Config implementation:
 * {@link #use} makes {@code ConfigProvider.getConfig()} answer from a map. Only String, Integer, Long and
 * Boolean values, which is all the application reads.
 */
public final class TestConfig implements Config {

    private final Map<String, String> values;

    private TestConfig(Map<String, String> values) {
        this.values = new HashMap<>(values);
    }

    public static void use(Map<String, String> values) {
        TestConfig config = new TestConfig(values);
        ConfigProviderResolver.setInstance(new ConfigProviderResolver() {
            @Override
            public Config getConfig() {
                return config;
            }

            @Override
            public Config getConfig(ClassLoader loader) {
                return config;
            }

            @Override
            public ConfigBuilder getBuilder() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void registerConfig(Config c, ClassLoader loader) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void releaseConfig(Config c) {
            }
        });
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        String raw = values.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        Object value = type == String.class ? raw
                : type == Integer.class ? Integer.valueOf(raw)
                : type == Long.class ? Long.valueOf(raw)
                : type == Boolean.class ? Boolean.valueOf(raw)
                : null;
        if (value == null) {
            throw new IllegalArgumentException("TestConfig does not convert to " + type);
        }
        return Optional.of(type.cast(value));
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return List.copyOf(values.keySet());
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException();
    }
}
