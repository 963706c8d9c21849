package dev.brink.server.http;

import io.netty.util.NetUtil;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import dev.brink.server.config.ServerConfig;

/**
 * Who may talk to the server from a browser. A request's Host must name this server: an IP
 * address, localhost, a name given with --allow-host or the host of an --allow-origin site, so
 * a page on a DNS name rebound to this machine is refused. A browser page's Origin must be this
 * server as the page reached it (http, the Host's name and port) or an --allow-origin site,
 * scheme, host and port compared.
 */
public final class Origins {
  private final Set<String> origins = new HashSet<>();
  private final Set<String> hosts = new HashSet<>();

  Origins(ServerConfig config) {
    for (String origin : config.allowedOrigins()) {
      String normal = normalize(origin);
      if (normal != null) {
        origins.add(normal);
        hosts.add(URI.create(normal).getHost());
      }
    }
    for (String host : config.allowedHosts()) {
      hosts.add(host.toLowerCase(Locale.ROOT));
    }
  }

  /** Whether a Host header (name or address, with or without a port) names this server. */
  boolean hostAllowed(String hostHeader) {
    if (hostHeader == null) {
      return true;
    }
    String name = hostName(hostHeader);
    if (name == null) {
      return false;
    }
    return NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name)
        || name.equals("localhost") || name.endsWith(".localhost") || hosts.contains(name);
  }

  /** Whether a page of this Origin, reaching the server by this Host, may call it. */
  boolean originAllowed(String origin, String hostHeader) {
    String normal = normalize(origin);
    if (normal == null) {
      return false;
    }
    if (origins.contains(normal)) {
      return true;
    }
    return hostHeader != null && hostAllowed(hostHeader)
        && normal.equals(normalize("http://" + hostHeader));
  }

  /** scheme://host[:port] in lower case, without the scheme's default port; null if none. */
  static String normalize(String origin) {
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null || host == null || uri.getRawUserInfo() != null
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()
              || uri.getRawPath().equals("/"))
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return null;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean standard = port == -1 || (scheme.equals("http") && port == 80)
          || (scheme.equals("https") && port == 443);
      return scheme + "://" + host.toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** The host name of a Host header, without port and brackets, in lower case; null if none. */
  private static String hostName(String hostHeader) {
    String normal = normalize("http://" + hostHeader.trim());
    if (normal == null) {
      return null;
    }
    String host = URI.create(normal).getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }
}
