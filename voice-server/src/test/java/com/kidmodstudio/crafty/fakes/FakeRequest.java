package com.kidmodstudio.crafty.fakes;

import java.util.Locale;
import java.util.Map;

/**
 * One request a fake received, as it came over the wire.
 *
 * @param method  e.g. {@code POST}
 * @param path    e.g. {@code /api/chat}
 * @param headers header names lower-cased
 * @param body    the body decoded as UTF-8, empty when there was none
 */
public record FakeRequest(String method, String path, Map<String, String> headers, String body) {

    /**
     * A header's value.
     *
     * @param name header name, any case
     * @return the value, or {@code null}
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
