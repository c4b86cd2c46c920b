package com.kidmodstudio.crafty.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class AccessGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:3847", "localhost:3847", "LOCALHOST", "[::1]:3847", "[::1]"})
    void loopback_hosts_are_allowed(String host) {
        assertThat(AccessGuard.loopbackHost(host), is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "evil.example:3847", "127.0.0.1.evil.example", "192.168.1.5:3847", "localhost.evil:80",
            "[::2]:3847", "0.0.0.0:3847"})
    void other_hosts_are_refused(String host) {
        assertThat(AccessGuard.loopbackHost(host), is(false));
    }
}
