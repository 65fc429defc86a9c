/* pd-platform-listener.c: accepting connections, and how long they may last
 *
 * libsoup 3.2's own listener removes its accept source on the first failed
 * accept(): once the process is out of file descriptors (50 clients that
 * send half a body and then nothing are enough under `ulimit -n 128`), the
 * server never accepts again, even after those clients leave. So the server
 * listens on its own socket, backs off and retries when accept() fails, and
 * hands each connection to soup_server_accept_iostream() — doing TLS itself,
 * as libsoup only does it for connections it accepts.
 *
 * libsoup 3.2 also keeps a connection alive after an answer only while it
 * has a listener of its own (soup-server.c, request_finished()): without
 * one, every connection would close after its first request. So it gets a
 * listener that nobody can reach (see anchor_keep_alive()).
 *
 * Each connection is also bounded in time and number: it has
 * header_timeout_ms to send a request's headers (counted from its accept,
 * and again from the end of each answer, so an idle keep-alive connection
 * ends too) and body_timeout_ms for the body after them, or it is shut
 * down; one client address holds at most peer_limit connections, and the
 * next one is answered 429 and closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-platform-listener"

#include "pd-platform.h"

#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#define BACKOFF_MIN_MS 20
#define BACKOFF_MAX_MS 1000
/* A turned-away client gets a moment to read its 429 before the close
 * (closing with its request unread would reset the connection and lose
 * the answer), but only so many at once: each holds a descriptor. */
#define TURNED_AWAY_MAX 16
#define TURNED_AWAY_LINGER_MS 1000

struct _PdListener
{
  PdPlatform      *platform;
  GSocket         *socket;
  GSource         *accept_source;
  GSource         *retry_source;
  guint            backoff_ms;
  GTlsCertificate *certificate;
  GHashTable      *connections;  /* set of Connection */
  GHashTable      *peers;        /* address -> number of connections */
  GPtrArray       *turned_away;  /* of TurnedAway: over the cap, lingering */
  gulong           request_started_id;
};

typedef struct
{
  PdListener        *listener;
  GSocketConnection *connection; /* weak: libsoup owns it */
  GSocketAddress    *remote;     /* handed to libsoup, which hands it back with each message */
  char              *peer;
  GSource           *deadline;
} Connection;

static GQuark
connection_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("pd-listener-connection");
  return quark;
}


/* ---- deadlines ---- */

/* One source per connection, re-armed with a ready time rather than
 * replaced, as it moves on at every request. */
static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     data)
{
  g_source_set_ready_time (source, -1);
  return callback (data);
}

static GSourceFuncs deadline_funcs = { .dispatch = deadline_dispatch };

static gboolean
on_deadline_cb (gpointer data)
{
  Connection *conn = data;
  GSocket *socket = g_socket_connection_get_socket (conn->connection);

  /* libsoup, reading, sees the end of the stream and lets go of the
   * connection itself: nothing is torn down under its feet */
  g_debug ("a connection from %s missed its deadline", conn->peer);
  if (!g_socket_is_closed (socket))
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  return G_SOURCE_CONTINUE;
}

static void
arm (Connection *conn,
     guint       ms)
{
  g_source_set_ready_time (conn->deadline, ms > 0 ? g_get_monotonic_time () + (gint64) ms * 1000 : -1);
}

/* libsoup 3.2 gives a message no way back to the stream under it, but
 * its remote address is the very object the listener handed over. */
static Connection *
lookup (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_object_get_qdata (G_OBJECT (remote), connection_quark ()) : NULL;
}

static void
on_got_headers_cb (SoupServerMessage *msg,
                   gpointer           data)
{
  PdPlatform *platform = data;
  Connection *conn = lookup (msg);

  if (conn != NULL)
    arm (conn, platform->body_timeout_ms);
}

static void
on_got_body_cb (SoupServerMessage *msg,
                gpointer           data)
{
  Connection *conn = lookup (msg);

  /* the handler and the answer take what they take */
  if (conn != NULL)
    arm (conn, 0);
}

/* The answer is out: the connection waits for its next request, which
 * libsoup only starts on its first byte. */
static void
on_finished_cb (SoupServerMessage *msg,
                gpointer           data)
{
  PdPlatform *platform = data;
  Connection *conn = lookup (msg);

  if (conn != NULL)
    arm (conn, platform->header_timeout_ms);
}

static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       gpointer           data)
{
  PdPlatform *platform = data;
  Connection *conn = lookup (msg);

  if (conn == NULL)
    return;
  /* The header deadline runs from the accept or the last answer, not from
   * this first byte, or a byte every few seconds would hold it forever. */
  if (g_source_get_ready_time (conn->deadline) < 0)
    arm (conn, platform->header_timeout_ms);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers_cb), platform);
  g_signal_connect (msg, "got-body", G_CALLBACK (on_got_body_cb), platform);
  g_signal_connect (msg, "finished", G_CALLBACK (on_finished_cb), platform);
}

/* ---- connections ---- */

static void
peer_release (PdListener *listener,
              const char *peer)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (listener->peers, peer));

  if (n > 1)
    g_hash_table_insert (listener->peers, g_strdup (peer), GUINT_TO_POINTER (n - 1));
  else
    g_hash_table_remove (listener->peers, peer);
}

static void
connection_free (Connection *conn)
{
  g_object_set_qdata (G_OBJECT (conn->remote), connection_quark (), NULL);
  g_object_unref (conn->remote);
  pd_source_clear (&conn->deadline);
  g_free (conn->peer);
  g_free (conn);
}

/* The descriptor is gone once libsoup (or a refusal) drops the stream:
 * only then does the connection stop counting against its peer. */
static void
on_connection_finalized_cb (gpointer  data,
                            GObject  *where_the_object_was)
{
  Connection *conn = data;
  PdListener *listener = conn->listener;

  peer_release (listener, conn->peer);
  g_hash_table_remove (listener->connections, conn);
}

static void
hand_over (PdListener        *listener,
           GIOStream         *stream,
           GSocketConnection *connection,
           GSocketAddress    *remote)
{
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  if (local == NULL ||
      !soup_server_accept_iostream (listener->platform->server, stream, local, remote, &error))
    {
      g_debug ("not served: %s", error != NULL ? error->message : "the client left");
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

typedef struct
{
  PdListener     *listener;
  GSocketAddress *remote;
} Handshake;

static void
on_handshake_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Handshake *handshake = data;
  g_autoptr(GIOStream) tls = G_IO_STREAM (source);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) remote = handshake->remote;
  g_autoptr(GError) error = NULL;
  PdListener *listener = handshake->listener;

  g_free (handshake);
  g_object_get (tls, "base-io-stream", &connection, NULL);
  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (tls), result, &error))
    {
      g_debug ("TLS handshake: %s", error->message);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }
  hand_over (listener, tls, connection, remote);
}

static void
start_tls (PdListener        *listener,
           GSocketConnection *connection,
           GSocketAddress    *remote)
{
  static const char * const protocols[] = { "http/1.1", "http/1.0", NULL };
  g_autoptr(GError) error = NULL;
  GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (connection), listener->certificate, &error);
  Handshake *handshake;

  if (tls == NULL)
    {
      g_warning ("TLS: %s", error->message);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }
  /* as libsoup's own listener sets it up: clients often just hang up */
  g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (tls), FALSE);
  g_tls_connection_set_advertised_protocols (G_TLS_CONNECTION (tls), protocols);
  /* the header deadline, armed at the accept, bounds the handshake too */
  handshake = g_new0 (Handshake, 1);
  handshake->listener = listener;
  handshake->remote = g_object_ref (remote);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL, on_handshake_cb, handshake);
}

/* ---- over the per-peer cap ---- */

typedef struct
{
  PdListener *listener;
  GSocket    *socket;
  GSource    *readable;
  GSource    *timeout;
  char        buffer[4096];
} TurnedAway;

static void
turned_away_free (TurnedAway *away)
{
  pd_source_clear (&away->readable);
  pd_source_clear (&away->timeout);
  g_socket_close (away->socket, NULL);
  g_object_unref (away->socket);
  g_free (away);
}

static gboolean
turned_away_done (gpointer data)
{
  TurnedAway *away = data;

  g_ptr_array_remove_fast (away->listener->turned_away, away);
  return G_SOURCE_REMOVE;
}

static gboolean
on_turned_away_readable_cb (GSocket      *socket,
                            GIOCondition  condition,
                            gpointer      data)
{
  TurnedAway *away = data;
  gssize n = g_socket_receive_with_blocking (socket, away->buffer, sizeof away->buffer, FALSE, NULL, NULL);

  /* its request is read and dropped until it hangs up */
  if (n > 0)
    return G_SOURCE_CONTINUE;
  turned_away_done (away);
  return G_SOURCE_REMOVE;
}

static GBytes *
too_many_connections_answer (PdListener *listener)
{
  PdRequest req = { 0 };
  GBytes *answer;

  req.platform = listener->platform;
  pd_reply_problem (&req, 429, "rate-limited", "Too many connections from this address at once.", NULL, NULL);
  req.retry_after = 1;
  answer = pd_connections_answer (&req);
  g_clear_pointer (&req.reply_body, g_bytes_unref);
  return answer;
}

static void
turn_away (PdListener        *listener,
           GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autoptr(GBytes) answer = NULL;
  TurnedAway *away;
  gsize len;
  const char *bytes;

  /* over TLS an answer would first cost a handshake */
  if (listener->certificate != NULL || listener->turned_away->len >= TURNED_AWAY_MAX)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }

  answer = too_many_connections_answer (listener);
  bytes = g_bytes_get_data (answer, &len);
  /* a fresh socket's send buffer takes a few hundred bytes at once */
  if (g_socket_send_with_blocking (socket, bytes, len, FALSE, NULL, NULL) != (gssize) len ||
      !g_socket_shutdown (socket, FALSE, TRUE, NULL))
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }

  away = g_new0 (TurnedAway, 1);
  away->listener = listener;
  away->socket = g_object_ref (socket);
  away->readable = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  pd_source_attach (away->readable, G_SOURCE_FUNC (on_turned_away_readable_cb), away);
  away->timeout = pd_source_attach (g_timeout_source_new (TURNED_AWAY_LINGER_MS), turned_away_done, away);
  g_ptr_array_add (listener->turned_away, away);
}

/* ---- accepting ---- */

static void
accepted (PdListener *listener,
          GSocket    *socket)
{
  g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autofree char *peer = NULL;
  guint peer_connections;
  Connection *conn;

  /* the client may already have left */
  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return;
  peer = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  peer_connections = GPOINTER_TO_UINT (g_hash_table_lookup (listener->peers, peer));
  if (peer_connections >= listener->platform->peer_limit)
    {
      g_debug ("%s is over its %u connections", peer, listener->platform->peer_limit);
      turn_away (listener, connection);
      return;
    }

  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  conn = g_new0 (Connection, 1);
  conn->listener = listener;
  conn->connection = connection;
  conn->remote = g_object_ref (remote);
  conn->peer = g_strdup (peer);
  conn->deadline = g_source_new (&deadline_funcs, sizeof (GSource));
  pd_source_attach (conn->deadline, on_deadline_cb, conn);
  arm (conn, listener->platform->header_timeout_ms);
  g_object_set_qdata (G_OBJECT (remote), connection_quark (), conn);
  g_hash_table_add (listener->connections, conn);
  g_hash_table_insert (listener->peers, g_steal_pointer (&peer), GUINT_TO_POINTER (peer_connections + 1));
  g_object_weak_ref (G_OBJECT (connection), on_connection_finalized_cb, conn);

  if (listener->certificate != NULL)
    start_tls (listener, connection, remote);
  else
    hand_over (listener, G_IO_STREAM (connection), connection, remote);
}

static gboolean on_incoming_cb (GSocket      *socket,
                                GIOCondition  condition,
                                gpointer      data);

static void
watch (PdListener *listener)
{
  listener->accept_source = g_socket_create_source (listener->socket, G_IO_IN, NULL);
  pd_source_attach (listener->accept_source, G_SOURCE_FUNC (on_incoming_cb), listener);
}

static gboolean
on_retry_cb (gpointer data)
{
  PdListener *listener = data;

  g_clear_pointer (&listener->retry_source, g_source_unref);
  watch (listener);
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming_cb (GSocket      *socket,
                GIOCondition  condition,
                gpointer      data)
{
  PdListener *listener = data;

  /* a few at a time, so a stream of connections does not starve the
   * requests already in */
  for (guint i = 0; i < 16; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (socket, NULL, &error);

      if (client != NULL)
        {
          listener->backoff_ms = 0;
          accepted (listener, client);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        break;

      /* Out of descriptors (or memory) while the connection waits in the
       * backlog: the socket stays readable, so retrying at once would spin.
       * Wait, a little longer each time, until someone has left. */
      listener->backoff_ms = CLAMP (listener->backoff_ms * 2, BACKOFF_MIN_MS, BACKOFF_MAX_MS);
      if (listener->backoff_ms == BACKOFF_MIN_MS)
        g_message ("accept: %s; trying again shortly", error->message);
      g_clear_pointer (&listener->accept_source, g_source_unref);
      listener->retry_source = pd_source_attach (g_timeout_source_new (listener->backoff_ms), on_retry_cb, listener);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Gives @server a listener on a Unix socket whose name is unlinked at
 * once: it never has a connection to accept, and needs no port. */
static gboolean
anchor_keep_alive (SoupServer  *server,
                   GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("pd-platform-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  gboolean listening;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "s", NULL);
  address = g_unix_socket_address_new (path);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  listening = socket != NULL && g_socket_bind (socket, address, FALSE, error) && g_socket_listen (socket, error);
  g_unlink (path);
  g_rmdir (dir);
  return listening && soup_server_listen_socket (server, socket, 0, error);
}

/**
 * pd_listener_new:
 * @platform: the server's state; its header and body timeouts and
 *   peer_limit apply
 * @address: where to listen; port 0 picks a free one
 * @certificate: (nullable): serve HTTPS with it
 *
 * Listens on @address and serves every connection with platform->server.
 *
 * Returns: (transfer full) (nullable): the listener, or %NULL with @error set
 */
PdListener *
pd_listener_new (PdPlatform       *platform,
                 GSocketAddress   *address,
                 GTlsCertificate  *certificate,
                 GError          **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  PdListener *listener;

  if (socket == NULL)
    return NULL;
  g_socket_set_blocking (socket, FALSE);
  g_socket_set_listen_backlog (socket, SOMAXCONN);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error) ||
      !anchor_keep_alive (platform->server, error))
    return NULL;

  listener = g_new0 (PdListener, 1);
  listener->platform = platform;
  listener->socket = g_steal_pointer (&socket);
  listener->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  listener->connections = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) connection_free, NULL);
  listener->peers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  listener->turned_away = g_ptr_array_new_with_free_func ((GDestroyNotify) turned_away_free);
  listener->request_started_id = g_signal_connect (platform->server, "request-started",
                                                   G_CALLBACK (on_request_started_cb), platform);
  watch (listener);
  return listener;
}

guint
pd_listener_get_port (PdListener *listener)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (listener->socket, NULL);

  return G_IS_INET_SOCKET_ADDRESS (local) ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)) : 0;
}

/* The socket under @msg's connection, if this listener accepted it. */
GSocket *
pd_listener_lookup_socket (SoupServerMessage *msg)
{
  Connection *conn = lookup (msg);

  return conn != NULL ? g_socket_connection_get_socket (conn->connection) : NULL;
}

void
pd_listener_free (PdListener *listener)
{
  GHashTableIter iter;
  gpointer value;

  pd_source_clear (&listener->accept_source);
  pd_source_clear (&listener->retry_source);
  g_clear_signal_handler (&listener->request_started_id, listener->platform->server);
  g_hash_table_iter_init (&iter, listener->connections);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      Connection *conn = value;

      g_object_weak_unref (G_OBJECT (conn->connection), on_connection_finalized_cb, conn);
    }
  g_hash_table_unref (listener->connections);
  g_hash_table_unref (listener->peers);
  g_ptr_array_unref (listener->turned_away);
  g_socket_close (listener->socket, NULL);
  g_object_unref (listener->socket);
  g_clear_object (&listener->certificate);
  g_free (listener);
}
