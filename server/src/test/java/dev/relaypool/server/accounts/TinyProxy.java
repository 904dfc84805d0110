package dev.relaypool.server.accounts;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal proxy on loopback for tests: HTTP (absolute-form forwarding and CONNECT, optionally demanding one
 * Basic credential) or SOCKS5 (no authentication). It records what it relayed; one target connection per client
 * connection (forwarded HTTP requests are sent with {@code Connection: close}).
 */
final class TinyProxy implements AutoCloseable {
    enum Kind { HTTP, SOCKS5 }

    private final Kind kind;
    private final Optional<String> requiredAuthorization;
    private final ServerSocket server;
    final List<String> relayed = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    private TinyProxy(Kind kind, Optional<String> requiredAuthorization) throws IOException {
        this.kind = kind;
        this.requiredAuthorization = requiredAuthorization;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("tiny-proxy").start(this::acceptLoop);
    }

    /** {@code requiredAuthorization}: the exact Proxy-Authorization value demanded, if any. */
    static TinyProxy http(Optional<String> requiredAuthorization) throws IOException {
        return new TinyProxy(Kind.HTTP, requiredAuthorization);
    }

    static TinyProxy socks5() throws IOException {
        return new TinyProxy(Kind.SOCKS5, Optional.empty());
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            if (kind == Kind.SOCKS5) {
                socks(client);
            } else {
                http(client);
            }
        } catch (IOException e) {
            // a client or target that hung up: nothing to do in a test proxy
        }
    }

    private void http(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String authorization = null;
        StringBuilder forwarded = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).trim().toLowerCase();
            if (name.equals("proxy-authorization")) {
                authorization = lines[i].substring(lines[i].indexOf(':') + 1).trim();
            } else if (!name.equals("connection") && !name.equals("proxy-connection")) {
                forwarded.append(lines[i]).append("\r\n");
            }
        }
        OutputStream out = client.getOutputStream();
        if (requiredAuthorization.isPresent() && !requiredAuthorization.get().equals(authorization)) {
            out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return;
        }
        authorizations.add(authorization == null ? "" : authorization);
        relayed.add(requestLine[0] + " " + requestLine[1]);
        if (requestLine[0].equals("CONNECT")) {
            String[] hostPort = requestLine[1].split(":");
            try (Socket target = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                pipe(client, target, new byte[0]);
            }
            return;
        }
        URI uri = URI.create(requestLine[1]);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] newHead = (requestLine[0] + " " + path + " " + requestLine[2] + "\r\n" + forwarded + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket target = new Socket(uri.getHost(), uri.getPort())) {
            pipe(client, target, newHead);
        }
    }

    private void socks(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        if (in.readUnsignedByte() != 5) {
            return;
        }
        in.skipNBytes(in.readUnsignedByte()); // offered methods: we take "no authentication"
        out.write(new byte[] {5, 0});
        byte[] header = in.readNBytes(4); // VER CMD RSV ATYP
        String host = switch (header[3]) {
            case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            default -> throw new IOException("unknown address type");
        };
        int port = in.readUnsignedShort();
        relayed.add("SOCKS5 CONNECT " + host + ":" + port);
        try (Socket target = new Socket()) {
            target.connect(new InetSocketAddress(host, port), 5_000);
            out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            pipe(client, target, new byte[0]);
        }
    }

    /** Copies both ways until one side closes; {@code first} goes to the target before the client's bytes. */
    private static void pipe(Socket client, Socket target, byte[] first) throws IOException {
        target.getOutputStream().write(first);
        Thread upstream = Thread.ofVirtual().start(() -> {
            try {
                client.getInputStream().transferTo(target.getOutputStream());
            } catch (IOException ignored) {
                // either side closed
            }
        });
        try {
            target.getInputStream().transferTo(client.getOutputStream());
        } finally {
            client.close();
            target.close();
            upstream.interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && head.size() < 65_536) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
