package dev.relaypool.server.coordination.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small blocking Redis client for the request path: a pool of plain sockets, one command at a time per
 * connection, the caller's (virtual) thread doing the write and the read itself. Every admitted request makes a
 * few script calls; through Redisson each cost ~160–200 µs of client work on this machine (a hand-off to a Netty
 * thread, a future completed on another pool, the caller woken) against ~30 µs for the round trip. Redisson stays
 * for what is not on that path: publish and subscribe, the cooldown map's reload, lock acquisition, the ping.
 *
 * <p>Speaks RESP2: a reply is a {@link String} (simple or bulk), a {@link Long}, {@code null}, or a {@link List} of
 * those. An error reply is thrown as {@link ErrorReply}; a connection that cannot be made or fails mid-call is
 * thrown as {@link UncheckedIOException} and is not reused.
 */
final class RespClient implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 64;

    private final RedisUrl url;
    private final int timeoutMillis;
    private final Semaphore permits = new Semaphore(MAX_CONNECTIONS);
    /** Idle connections, most recently used first. */
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** An error reply from Redis ({@code -ERR …}, {@code -NOSCRIPT …}): the command reached Redis and failed there. */
    static final class ErrorReply extends RuntimeException {
        ErrorReply(String message) {
            super(message);
        }
    }

    RespClient(RedisUrl url, Duration timeout) {
        this.url = url;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /**
     * Sends one command and returns its reply. A pooled connection that Redis closed before any byte of the reply
     * (a restart, or an idle connection dropped) is discarded and the command sent once more on a new connection.
     * Redis closing a connection without answering means it did not run the command, except when it died between
     * running it and answering, and a Redis that died lost what it had not persisted anyway. A timeout, a failure
     * once the reply has begun, or any failure on a new connection is the caller's: there Redis may have run it.
     */
    Object call(List<String> command) {
        byte[] encoded = encode(command);
        acquirePermit();
        try {
            Connection pooled = idle.pollFirst();
            if (pooled != null) {
                try {
                    return finish(pooled, pooled.call(encoded));
                } catch (IOException e) {
                    pooled.close();
                    if (pooled.replyStarted || e instanceof java.net.SocketTimeoutException) { // Redis may have run it
                        throw new UncheckedIOException("Redis at " + url + " failed during a call", e);
                    }
                }
            }
            Connection fresh = open();
            try {
                return finish(fresh, fresh.call(encoded));
            } catch (IOException e) {
                fresh.close();
                throw new UncheckedIOException("Redis at " + url + " failed during a call", e);
            }
        } finally {
            permits.release();
        }
    }

    Object call(String... command) {
        return call(List.of(command));
    }

    /** Hands the connection back (or closes it if the client closed meanwhile) and answers the reply. */
    private Object finish(Connection connection, Object reply) {
        if (closed) {
            connection.close();
        } else {
            idle.offerFirst(connection);
        }
        if (reply instanceof ErrorReply error) {
            throw new ErrorReply(error.getMessage()); // thrown here, with the caller's stack
        }
        return reply;
    }

    private void acquirePermit() {
        if (closed) {
            throw new IllegalStateException("the Redis client is closed");
        }
        try {
            if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new UncheckedIOException(new IOException(
                        "no Redis connection free within " + timeoutMillis + " ms (" + MAX_CONNECTIONS + " in use)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted waiting for a Redis connection"));
        }
    }

    private Connection open() {
        Socket socket = null;
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(url.host(), url.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            if (url.tls()) {
                SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, url.host(), url.port(), true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
            }
            Connection connection = new Connection(socket);
            if (!url.password().isEmpty()) {
                expectOk(connection, url.user().isEmpty() ? List.of("AUTH", url.password())
                        : List.of("AUTH", url.user(), url.password()));
            }
            if (url.database() != 0) {
                expectOk(connection, List.of("SELECT", Integer.toString(url.database())));
            }
            expectOk(connection, List.of("CLIENT", "SETNAME", "relaypool"));
            return connection;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to Redis at " + url, e);
        } catch (ErrorReply e) {
            closeQuietly(socket);
            throw new ErrorReply("Redis at " + url + " refused the connection's set-up: " + e.getMessage());
        }
    }

    private static void expectOk(Connection connection, List<String> command) throws IOException {
        Object reply = connection.call(encode(command));
        if (reply instanceof ErrorReply error) {
            throw error;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection connection; (connection = idle.pollFirst()) != null; ) {
            connection.close();
        }
    }

    /** A command as a RESP array of bulk strings, in one buffer so that it goes out in one write. */
    static byte[] encode(List<String> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + command.size() * 32);
        ascii(out, "*" + command.size() + "\r\n");
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            ascii(out, "$" + bytes.length + "\r\n");
            out.writeBytes(bytes);
            ascii(out, "\r\n");
        }
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed
            }
        }
    }

    /** One socket; used by one caller at a time (the pool hands it out and takes it back). */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        /** Whether the current call has seen a byte of its reply: after that a retry could run a command twice. */
        boolean replyStarted;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        }

        /** The reply, or an {@link ErrorReply} as a value (so that an error reply keeps the connection). */
        Object call(byte[] command) throws IOException {
            replyStarted = false;
            out.write(command);
            out.flush();
            int type = in.read();
            if (type < 0) {
                throw new EOFException("Redis closed the connection");
            }
            replyStarted = true;
            return reply(type);
        }

        private Object reply(int type) throws IOException {
            return switch (type) {
                case '+' -> line();
                case '-' -> new ErrorReply(line());
                case ':' -> Long.parseLong(line());
                case '$' -> bulk(Integer.parseInt(line()));
                case '*' -> array(Integer.parseInt(line()));
                default -> throw new IOException("unexpected Redis reply type '" + (char) type + "'");
            };
        }

        private Object array(int count) throws IOException {
            if (count < 0) {
                return null;
            }
            List<Object> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int type = in.read();
                if (type < 0) {
                    throw new EOFException("Redis closed the connection mid-reply");
                }
                Object item = reply(type);
                items.add(item instanceof ErrorReply error ? error.getMessage() : item);
            }
            return items;
        }

        private String bulk(int length) throws IOException {
            if (length < 0) {
                return null;
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
                throw new EOFException("Redis closed the connection mid-reply");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(16);
            for (int b = in.read(); b != '\r'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("Redis closed the connection mid-reply");
                }
                line.write(b);
            }
            if (in.read() != '\n') {
                throw new IOException("malformed Redis reply line");
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        void close() {
            closeQuietly(socket);
        }
    }
}
