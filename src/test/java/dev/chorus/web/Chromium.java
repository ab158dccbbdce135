package dev.chorus.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol with the JDK's own HTTP and WebSocket
 * clients: no driver library, one browser process, every page event recorded.
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /** Every event the page sent, in order. */
  final List<JsonNode> events = new CopyOnWriteArrayList<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts a fresh headless browser with a new profile and attaches to its first tab. */
  static Chromium launch() throws Exception {
    Path profile = Files.createTempDirectory("chorus-chromium");
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--mute-audio",
                "--hide-scrollbars",
                "--window-size=1280,900",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Chromium did not start: "
                  + (Files.exists(profile.resolve("chromium.log"))
                      ? Files.readString(profile.resolve("chromium.log"))
                      : ""));
        }
        Thread.sleep(50);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
      HttpClient http = HttpClient.newHttpClient();
      String list =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String ws = null;
      for (JsonNode t : JSON.readTree(list)) {
        if (t.path("type").asText().equals("page")) {
          ws = t.get("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (ws == null) {
        throw new IllegalStateException("Chromium has no page to attach to: " + list);
      }
      Chromium[] self = new Chromium[1];
      Listener listener = new Listener(msg -> self[0].receive(msg));
      WebSocket socket =
          http.newWebSocketBuilder()
              .connectTimeout(TIMEOUT)
              .buildAsync(URI.create(ws), listener)
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      self[0] = new Chromium(p, profile, socket);
      for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
        self[0].send(domain + ".enable", Map.of());
      }
      return self[0];
    } catch (Exception e) {
      p.destroyForcibly();
      delete(profile);
      throw e;
    }
  }

  /** Collects one message from its frames and hands it on. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();
    private final java.util.function.Consumer<String> sink;

    Listener(java.util.function.Consumer<String> sink) {
      this.sink = sink;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String msg = buffer.toString();
        buffer.setLength(0);
        sink.accept(msg);
      }
      ws.request(1);
      return null;
    }
  }

  private void receive(String message) {
    try {
      JsonNode m = JSON.readTree(message);
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          if (m.has("error")) {
            f.completeExceptionally(new IllegalStateException("CDP error: " + m.get("error")));
          } else {
            f.complete(m.get("result"));
          }
        }
      } else {
        events.add(m);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends one DevTools command and waits for its result. */
  JsonNode send(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Evaluates a JavaScript expression in the page and returns its value. */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException(
          "evaluating " + expression + ": " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  String text(String selector) throws Exception {
    return eval("document.querySelector(" + quote(selector) + ").textContent.trim()").asText();
  }

  int count(String selector) throws Exception {
    return eval("document.querySelectorAll(" + quote(selector) + ").length").asInt();
  }

  String url() throws Exception {
    return eval("location.href").asText();
  }

  /** Loads a page and waits for its load event. */
  void open(String url) throws Exception {
    untilLoaded(() -> send("Page.navigate", Map.of("url", url)));
  }

  /** Clicks the centre of the element as a mouse would, and waits for the page it leads to. */
  void clickAndWait(String selector) throws Exception {
    untilLoaded(() -> click(selector));
  }

  void click(String selector) throws Exception {
    JsonNode r =
        eval(
            "(() => { const e = document.querySelector("
                + quote(selector)
                + ");"
                + " e.scrollIntoView({block: 'center'}); const b = e.getBoundingClientRect();"
                + " return [b.left + b.width / 2, b.top + b.height / 2]; })()");
    double x = r.get(0).asDouble();
    double y = r.get(1).asDouble();
    send("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    for (String type : List.of("mousePressed", "mouseReleased")) {
      send(
          "Input.dispatchMouseEvent",
          Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
    }
  }

  /** Types text into whatever has focus. */
  void type(String text) throws Exception {
    send("Input.insertText", Map.of("text", text));
  }

  /** Presses a key (Enter, Tab) on whatever has focus. */
  void press(String key) throws Exception {
    int code =
        switch (key) {
          case "Enter" -> 13;
          case "Tab" -> 9;
          default -> throw new IllegalArgumentException(key);
        };
    Map<String, Object> down =
        new java.util.HashMap<>(
            Map.of("type", "keyDown", "key", key, "code", key, "windowsVirtualKeyCode", code));
    if (key.equals("Enter")) {
      down.put("text", "\r");
    }
    send("Input.dispatchKeyEvent", down);
    send(
        "Input.dispatchKeyEvent",
        Map.of("type", "keyUp", "key", key, "code", key, "windowsVirtualKeyCode", code));
  }

  /** Runs an action that navigates, then waits for the new page's load event. */
  void untilLoaded(Action action) throws Exception {
    int before = loads();
    action.run();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (loads() == before) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no page load within " + TIMEOUT);
      }
      Thread.sleep(20);
    }
  }

  /** Something that may navigate. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private int loads() {
    return (int)
        events.stream()
            .filter(e -> e.path("method").asText().equals("Page.loadEventFired"))
            .count();
  }

  /** Emulates a screen of this width (a phone when {@code mobile}). */
  void viewport(int width, int height, boolean mobile) throws Exception {
    send(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** Emulates the reader's colour scheme preference: "light" or "dark". */
  void colorScheme(String scheme) throws Exception {
    send(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /** Saves a PNG of the whole page (up to 5000 pixels tall) at the current width. */
  void screenshot(Path file) throws Exception {
    screenshot(file, 5000);
  }

  /** Saves a PNG of the top of the page, at most {@code maxHeight} pixels tall. */
  void screenshot(Path file, int maxHeight) throws Exception {
    JsonNode metrics = send("Page.getLayoutMetrics", Map.of());
    double width = metrics.path("cssLayoutViewport").path("clientWidth").asDouble();
    double height = Math.min(maxHeight, metrics.path("cssContentSize").path("height").asDouble());
    JsonNode shot =
        send(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  /**
   * Console errors, uncaught exceptions and browser log errors (CSP refusals among them) so far.
   */
  List<String> errors() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      String m = e.path("method").asText();
      JsonNode p = e.path("params");
      if (m.equals("Runtime.exceptionThrown")) {
        out.add("exception: " + p.path("exceptionDetails"));
      } else if (m.equals("Runtime.consoleAPICalled")
          && p.path("type").asText().matches("error|assert|warning")) {
        out.add("console." + p.path("type").asText() + ": " + p.path("args"));
      } else if (m.equals("Log.entryAdded")
          && p.path("entry").path("level").asText().matches("error|warning")) {
        out.add(
            "log: "
                + p.path("entry").path("text").asText()
                + " "
                + p.path("entry").path("url").asText());
      }
    }
    return out;
  }

  /** Requests that failed or were answered with an HTTP error, so far. */
  List<String> failedRequests() {
    Predicate<JsonNode> failed = e -> e.path("method").asText().equals("Network.loadingFailed");
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      JsonNode p = e.path("params");
      if (failed.test(e)) {
        out.add("failed: " + p.path("errorText").asText() + " " + p.path("blockedReason").asText());
      } else if (e.path("method").asText().equals("Network.responseReceived")
          && p.path("response").path("status").asInt() >= 400) {
        out.add(
            p.path("response").path("status").asInt()
                + " "
                + p.path("response").path("url").asText());
      }
    }
    return out;
  }

  /** The URLs the browser requested, so far. */
  List<String> requested() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.path("method").asText().equals("Network.requestWillBeSent")) {
        out.add(e.path("params").path("request").path("url").asText());
      }
    }
    return out;
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    socket.abort();
    // its helper processes (renderer, network service) too: they write into the profile
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delete(profile);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // a leftover temp profile is harmless (a file can vanish while the walk lists it)
    }
  }
}
