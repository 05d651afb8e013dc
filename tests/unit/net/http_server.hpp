// SPDX-License-Identifier: MIT
// A small HTTP/1.1 server on 127.0.0.1 for the network tests: real sockets, a real port, one
// thread per connection. It serves canned routes (ETag/Last-Modified with 304, redirects, slow,
// truncated and oversized bodies) and records every request so that tests can check that only
// GETs without a body were sent. It listens on loopback only and stops in its destructor.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rapport::test {

struct Route {
  int status = 200;
  std::string body;
  std::string etag;                    ///< sent, and If-None-Match equal to it gives 304
  std::string last_modified;           ///< sent, and If-Modified-Since equal to it gives 304
  std::string location;                ///< for redirects
  std::chrono::milliseconds delay{0};  ///< before the response is sent
  bool send_length = true;             ///< false: body delimited by closing the connection
  std::size_t extra_declared = 0;      ///< Content-Length larger than the body: a truncated transfer
};

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::size_t body_bytes = 0;
};

class HttpServer {
 public:
  HttpServer();
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const noexcept { return m_port; }
  /// "http://127.0.0.1:PORT" + path.
  std::string url(const std::string& path) const;
  void set(const std::string& path, Route route);
  std::vector<Request> requests() const;
  std::size_t request_count(const std::string& path) const;

 private:
  void accept_loop();
  void serve(int client);
  int m_listen = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  mutable std::mutex m_mutex;
  std::map<std::string, Route> m_routes;
  std::vector<Request> m_requests;
  std::vector<std::thread> m_workers;
  std::thread m_acceptor;
};

/// A TCP port on 127.0.0.1 that nothing listens on (bound, then closed).
int closed_port();

}  // namespace rapport::test
