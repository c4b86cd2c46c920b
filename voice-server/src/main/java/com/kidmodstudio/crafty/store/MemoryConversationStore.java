package com.kidmodstudio.crafty.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import com.kidmodstudio.crafty.safety.Category;

/**
 * Conversations kept in memory only: what Crafty falls back to when its database file cannot be
 * used, so the child can still chat. Nothing survives a restart. Bounded: at most
 * {@code capacity} sessions, the least recently used one forgotten first.
 */
public final class MemoryConversationStore implements ConversationStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, Message> messages = new HashMap<>();
    private final List<SafetyEvent> events = new ArrayList<>();
    private final int capacity;
    private final String language;
    private final String model;
    private final Clock clock;
    private final String path;
    private final String warning;
    private final MemoryParentRecords parent;
    private long lastId;

    /**
     * Creates an empty store.
     *
     * @param capacity most sessions kept
     * @param language the language new sessions are in
     * @param model    the model new sessions are for, or {@code null}
     * @param clock    the clock for timestamps
     * @param path     the database file that could not be used, for {@code /status}
     * @param warning  why it could not be used
     */
    public MemoryConversationStore(int capacity, String language, String model, Clock clock, String path, String warning) {
        this.capacity = capacity;
        this.language = language;
        this.model = model;
        this.clock = clock;
        this.path = path;
        this.warning = warning;
        this.parent = new MemoryParentRecords();
    }

    @Override
    public StoredSession create(String id, String title, String model) {
        return locked(() -> {
            if (sessions.containsKey(id)) {
                throw new StoreException("session " + id + " exists", null);
            }
            return add(id, title, model == null ? this.model : model).stored();
        });
    }

    @Override
    public Optional<StoredSession> find(String id) {
        return locked(() -> Optional.ofNullable(sessions.get(id)).map(Session::stored));
    }

    @Override
    public List<StoredSession> list() {
        return listAll().stream().filter(session -> !session.hidden()).toList();
    }

    @Override
    public List<StoredSession> listAll() {
        return locked(() -> sessions.values().stream().map(Session::stored)
                .sorted(Comparator.comparing(StoredSession::updated).reversed()).toList());
    }

    @Override
    public boolean hide(String id) {
        return locked(() -> {
            Session session = sessions.get(id);
            if (session != null) {
                session.hidden = true;
            }
            return session != null;
        });
    }

    @Override
    public ParentRecords parentRecords() {
        return parent;
    }

    @Override
    public Optional<StoredSession> rename(String id, String title) {
        return locked(() -> Optional.ofNullable(sessions.get(id)).map(s -> {
            s.title = title;
            return s.stored();
        }));
    }

    @Override
    public boolean delete(String id) {
        return locked(() -> forget(sessions.remove(id)));
    }

    @Override
    public Exchange begin(String sessionId, String question, boolean questionByVoice, boolean replyByVoice) {
        return locked(() -> {
            Session session = sessions.get(sessionId);
            if (session == null) {
                session = add(sessionId, null, model);
            }
            if (session.title == null) {
                session.title = Titles.fromQuestion(question);
            }
            session.updated = clock.instant();
            Message asked = message(session, "user", question, questionByVoice, false);
            Message reply = message(session, "assistant", "", replyByVoice, true);
            return new Exchange(asked.id, reply.id);
        });
    }

    @Override
    public void reply(long replyId, String text, boolean partial) {
        locked(() -> {
            Message reply = messages.get(replyId);
            if (reply != null) {
                reply.text = text;
                reply.partial = partial;
                reply.session.updated = clock.instant();
            }
            return null;
        });
    }

    @Override
    public void deleteMessages(long... ids) {
        locked(() -> {
            for (long id : ids) {
                Message message = messages.remove(id);
                if (message != null) {
                    message.session.messages.remove(message);
                }
            }
            return null;
        });
    }

    @Override
    public List<StoredMessage> recent(String sessionId, int count) {
        return page(sessionId, Long.MAX_VALUE, count).messages();
    }

    @Override
    public MessagePage page(String sessionId, long before, int limit) {
        return locked(() -> {
            Session session = sessions.get(sessionId);
            List<StoredMessage> page = new ArrayList<>();
            boolean more = false;
            if (session != null) {
                for (int i = session.messages.size() - 1; i >= 0; i--) {
                    Message message = session.messages.get(i);
                    if (message.id >= before || !message.visible()) {
                        continue;
                    }
                    if (page.size() == limit) {
                        more = true;
                        break;
                    }
                    page.add(message.stored());
                }
            }
            List<StoredMessage> oldestFirst = page.reversed();
            return new MessagePage(oldestFirst, more ? oldestFirst.getFirst().id() : null);
        });
    }

    @Override
    public int purge(Instant cutoff) {
        return locked(() -> {
            int purged = 0;
            events.removeIf(event -> event.at().isBefore(cutoff));
            for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
                Session session = it.next();
                if (session.updated.isBefore(cutoff)) {
                    it.remove();
                    forget(session);
                    purged++;
                }
            }
            return purged;
        });
    }

    @Override
    public void record(Category category, Instant at) {
        locked(() -> events.add(new SafetyEvent(category.wire(), at)));
    }

    @Override
    public List<SafetyEvent> safetyEvents(Instant since) {
        return locked(() -> events.stream().filter(event -> !event.at().isBefore(since))
                .sorted(Comparator.comparing(SafetyEvent::at).reversed()).toList());
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus("memory", path, "fallback", null, warning, null);
    }

    @Override
    public void close() {
        locked(() -> {
            sessions.clear();
            messages.clear();
            events.clear();
            return null;
        });
    }

    private Session add(String id, String title, String sessionModel) {
        Session session = new Session(id, title, clock.instant(), sessionModel);
        sessions.put(id, session);
        while (sessions.size() > capacity) {
            Iterator<Session> eldest = sessions.values().iterator();
            forget(eldest.next());
            eldest.remove();
        }
        return session;
    }

    private boolean forget(Session session) {
        if (session == null) {
            return false;
        }
        session.messages.forEach(m -> messages.remove(m.id));
        return true;
    }

    private Message message(Session session, String role, String text, boolean voice, boolean partial) {
        Message message = new Message(++lastId, session, role, text, clock.instant(), voice, partial);
        session.messages.add(message);
        messages.put(message.id, message);
        return message;
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private final class Session {
        private final String id;
        private final Instant created;
        private final String model;
        private final List<Message> messages = new ArrayList<>();
        private String title;
        private Instant updated;
        private boolean hidden;

        Session(String id, String title, Instant created, String model) {
            this.id = id;
            this.title = title;
            this.created = created;
            this.updated = created;
            this.model = model;
        }

        StoredSession stored() {
            int visible = (int) messages.stream().filter(Message::visible).count();
            return new StoredSession(id, title, created, updated, language, model, visible, hidden);
        }
    }

    private static final class Message {
        private final long id;
        private final Session session;
        private final String role;
        private final Instant at;
        private final boolean voice;
        private String text;
        private boolean partial;

        Message(long id, Session session, String role, String text, Instant at, boolean voice, boolean partial) {
            this.id = id;
            this.session = session;
            this.role = role;
            this.text = text;
            this.at = at;
            this.voice = voice;
            this.partial = partial;
        }

        boolean visible() {
            return "user".equals(role) || !text.isEmpty();
        }

        StoredMessage stored() {
            return new StoredMessage(id, role, text, at, voice, partial);
        }
    }
}
