package com.kidmodstudio.crafty.parent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.MainAccess;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.ZonedTestClock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The parent PIN: set once, kept as a hash in an owner-only file, locked after wrong tries for
 * a growing time, and reset by deleting its file.
 */
class ParentPinTest {
    @TempDir
    Path dir;

    private final ZonedTestClock clock = new ZonedTestClock(Instant.parse("2026-12-05T15:00:00Z").atZone(ZoneId.of("UTC")));

    private ParentPin pin() {
        return new ParentPin(PinFile.at(dir.resolve(PinFile.NAME)), clock);
    }

    @Test
    void set_on_first_use_and_stored_only_as_an_owner_only_hash() throws Exception {
        ParentPin pin = pin();
        assertThat(pin.isSet(), is(false));
        assertThat(pin.check("4711").outcome(), is(ParentPin.Outcome.NOT_SET));
        pin.set("4711");
        assertThat(pin.isSet(), is(true));
        Path file = dir.resolve(PinFile.NAME);
        String stored = Files.readString(file);
        assertThat(stored, containsString("hash=pbkdf2-sha256$210000$"));
        assertThat(stored.replace("pbkdf2-sha256$210000", ""), not(containsString("4711")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), is("rw-------"));
        assertThat(pin().check("4711").outcome(), is(ParentPin.Outcome.OK));
    }

    @Test
    void a_second_pin_and_a_pin_that_is_not_4_to_12_digits_are_refused() {
        ParentPin pin = pin();
        assertThrows(IllegalArgumentException.class, () -> pin.set("123"));
        assertThrows(IllegalArgumentException.class, () -> pin.set("12ab"));
        assertThrows(IllegalArgumentException.class, () -> pin.set("1234567890123"));
        pin.set("123456");
        assertThrows(IllegalStateException.class, () -> pin.set("654321"));
        assertThat(pin.check("123456").outcome(), is(ParentPin.Outcome.OK));
    }

    @Test
    void five_wrong_tries_lock_it_for_30_seconds_then_each_wrong_try_doubles_the_wait() {
        ParentPin pin = pin();
        pin.set("4711");
        for (int left = 4; left >= 1; left--) {
            ParentPin.Check wrong = pin.check("0000");
            assertThat(wrong.outcome(), is(ParentPin.Outcome.WRONG));
            assertThat(wrong.triesLeft(), is(left));
        }
        ParentPin.Check locked = pin.check("0000");
        assertThat(locked.outcome(), is(ParentPin.Outcome.LOCKED));
        assertThat(locked.lockedUntil(), is(clock.instant().plus(Duration.ofSeconds(30))));

        clock.advance(Duration.ofSeconds(29));
        assertThat("while locked even the right PIN is not compared", pin.check("4711").outcome(), is(ParentPin.Outcome.LOCKED));
        clock.advance(Duration.ofSeconds(1));
        assertThat(pin.check("0000").lockedUntil(), is(clock.instant().plus(Duration.ofSeconds(60))));
        clock.advance(Duration.ofSeconds(60));
        assertThat(pin.check("0000").lockedUntil(), is(clock.instant().plus(Duration.ofSeconds(120))));
        assertThat("the lock survives a restart", pin().lockedUntil(), is(clock.instant().plus(Duration.ofSeconds(120))));
        clock.advance(Duration.ofSeconds(120));
        assertThat(pin.check("4711").outcome(), is(ParentPin.Outcome.OK));
        assertThat("a right PIN starts the count again", pin.check("0000").triesLeft(), is(4));
    }

    @Test
    void the_wait_grows_to_an_hour_at_most() {
        ParentPin pin = pin();
        pin.set("4711");
        Duration wait = Duration.ZERO;
        for (int i = 0; i < 15; i++) {
            clock.advance(wait);
            ParentPin.Check check = pin.check("0000");
            wait = check.lockedUntil() == null ? Duration.ZERO : Duration.between(clock.instant(), check.lockedUntil());
        }
        assertThat(wait, is(ParentPin.LONGEST_WAIT));
    }

    @Test
    void deleting_the_file_resets_the_pin_even_while_crafty_runs() {
        ParentPin pin = pin();
        pin.set("4711");
        for (int i = 0; i < 5; i++) {
            pin.check("0000");
        }
        assertThat(PinFile.at(dir.resolve(PinFile.NAME)).reset(), is(true));
        assertThat(pin.isSet(), is(false));
        assertThat(pin.lockedUntil() == null, is(true));
        pin.set("2468");
        assertThat(pin.check("2468").outcome(), is(ParentPin.Outcome.OK));
    }

    @Test
    void reset_parent_pin_deletes_the_file_next_to_the_history() {
        Path history = dir.resolve("crafty.db");
        ParentPin pin = new ParentPin(ParentArea.pinFile(TestServer.config(Map.of("store.path", history.toString()))), clock);
        pin.set("4711");
        assertThat(Files.exists(dir.resolve(PinFile.NAME)), is(true));
        int status = MainAccess.resetParentPin(Map.of("store.path", history.toString()));
        assertThat(status, is(0));
        assertThat(Files.exists(dir.resolve(PinFile.NAME)), is(false));
        assertThat(pin.isSet(), is(false));
    }
}
