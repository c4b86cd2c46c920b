package com.kidmodstudio.crafty.web;

import com.kidmodstudio.crafty.parent.ParentRequests;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.Inbound;

/**
 * WebSocket {@code /parent}: the parent area. A right PIN ({@code parent:unlock}, or
 * {@code parent:set_pin} the first time) opens a short-lived parent session held by this
 * connection; the page never sees a token of its own. The access rules (token, Origin) are those
 * of every route. Checking a PIN takes a PBKDF2 hash (a fraction of a second) on the socket's
 * read loop; the parent's socket has nothing to interrupt meanwhile. One instance per connection;
 * wiring only.
 */
public final class ParentRoute extends RouteListener<ClientMessage.ToParent> {
    private final ParentRequests requests;
    private String session;

    ParentRoute(RouteContext context, ParentRequests requests) {
        super("/parent", Inbound.parent(), context);
        this.requests = requests;
    }

    @Override
    void opened() {
    }

    @Override
    void handle(ClientMessage.ToParent message) {
        if (message instanceof ClientMessage.Ping ping) {
            pong(ping);
            return;
        }
        ParentRequests.Outcome outcome = requests.handle(message, session);
        session = outcome.session();
        out.send(outcome.reply());
    }

    @Override
    void closed() {
        requests.closed(session);
        session = null;
    }
}
