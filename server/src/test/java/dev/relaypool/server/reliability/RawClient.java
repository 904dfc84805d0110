package dev.relaypool.server.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An HTTP/1.1 client on a bare socket, for what well-behaved clients cannot do: dribble bytes, stop reading, send
 * bytes that are not valid requests. Every read is bounded by a socket timeout and a byte limit.
 */
final class RawClient implements AutoCloseable {
    private static final int MAX_READ = 1 << 20;

    private final Socket socket;

    private RawClient(Socket socket) {
        this.socket = socket;
    }

    static RawClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** {@code receiveBuffer} > 0: a small receive window, so that a client that does not read is felt at once. */
    static RawClient connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return new RawClient(socket);
    }

    /** One request with {@code Connection: close}; the whole response as text. */
    static String roundTrip(int port, String head, byte[] body) throws IOException {
        try (RawClient client = connect(port)) {
            client.send(head.getBytes(StandardCharsets.ISO_8859_1));
            client.send(body);
            return client.readToEnd();
        }
    }

    /** The status code of a response text, or -1 when there was no status line (the server just closed). */
    static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) {
            return -1;
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Whether the server has sent something not yet read (without waiting or consuming it). */
    boolean hasAnswer() throws IOException {
        return socket.getInputStream().available() > 0;
    }

    /** Everything until the server closes (or the read timeout, or 1 MiB). */
    String readToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        try {
            for (int read; out.size() < MAX_READ && (read = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what came so far is the answer; a reset after a response is how some refusals end
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** One response on a keep-alive connection. */
    record Response(int status, String headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads exactly one response (by its Content-Length or its chunks, up to {@code maxBody} bytes), pausing
     * {@code pause} after every 16 KiB read: a slow reader, whose socket buffers stay full.
     */
    Response readResponse(int maxBody, Duration pause) throws IOException {
        InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024) {
            private int sinceLastPause;

            @Override
            public synchronized int read(byte[] b, int off, int len) throws IOException {
                int read = super.read(b, off, Math.min(len, 16 * 1024 - sinceLastPause));
                sinceLastPause += Math.max(read, 0);
                if (sinceLastPause >= 16 * 1024) {
                    sinceLastPause = 0;
                    pauseFor(pause);
                }
                return read;
            }
        };
        String head = line(in);
        StringBuilder headers = new StringBuilder();
        long length = -1;
        boolean chunked = false;
        for (String header; !(header = line(in)).isEmpty(); ) {
            headers.append(header).append("\r\n");
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                copy(in, body, size, maxBody);
                line(in);
            }
            line(in); // the empty line after the last chunk
        } else if (length >= 0) {
            copy(in, body, length, maxBody);
        }
        return new Response(Integer.parseInt(head.substring(9, 12)), headers.toString(), body.toByteArray());
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long count, int max) throws IOException {
        if (out.size() + count > max) {
            throw new IOException("response body beyond " + max + " bytes");
        }
        byte[] bytes = in.readNBytes((int) count);
        if (bytes.length != count) {
            throw new IOException("connection closed " + (count - bytes.length) + " bytes early");
        }
        out.write(bytes);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c == -1 || line.length() > 16 * 1024) {
                throw new IOException("no complete line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void pauseFor(Duration pause) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    /** Whether the server closes the connection within {@code timeout}, whatever it sends before. */
    boolean closedWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        try {
            while (System.nanoTime() < deadline) {
                if (socket.getInputStream().read(buffer) == -1) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset by the server
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
