// A thread pool for GSSAPI calls that may wait on the network (a KDC round
// trip: initiating a context, acquiring credentials with a password or from a
// client keytab, S4U). On libuv's pool (4 threads by default) such calls would
// hold threads for whole round trips and stall the application's fs, dns and
// crypto work queued behind them; here they wait on threads of their own.
//
// Threads: the pool's threads are process-wide, started on demand up to
// GSSAPI_NETWORK_THREADS (default 32) and never stopped. Each environment
// (main thread or worker_thread) has a NetworkQueue that brings finished tasks
// back to its own thread through a thread-safe function.
//
// Teardown: when an environment is torn down, its cleanup hook closes its
// queue and waits for its running tasks to leave GSSAPI (the handles they use
// are finalized right after); tasks that never ran or whose completion can no
// longer reach JavaScript are dropped without touching JavaScript.
#pragma once

#include <napi.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace gssnative {

// Something a security context can queue until the calls before it finished.
class Scheduled {
 public:
  virtual ~Scheduled() = default;
  virtual void Start() = 0;  // main thread
};

class NetworkTask : public Scheduled {
 public:
  virtual void Execute() = 0;                // a pool thread
  virtual void Complete(Napi::Env env) = 0;  // the environment's thread; deletes the task
};

class NetworkQueue : public std::enable_shared_from_this<NetworkQueue> {
 public:
  static std::shared_ptr<NetworkQueue> Create(Napi::Env env);
  NetworkQueue() = default;
  NetworkQueue(const NetworkQueue&) = delete;
  NetworkQueue& operator=(const NetworkQueue&) = delete;

  void Submit(Napi::Env env, NetworkTask* task);  // main thread
  void Close();                                   // main thread, at teardown

  // Pool side: BeginRun (false once closed: do not run the task), Execute,
  // Deliver, EndRun, in that order.
  bool BeginRun();
  void Deliver(NetworkTask* task);
  void EndRun();

 private:
  static void CallJs(Napi::Env env, Napi::Function, NetworkQueue* queue, NetworkTask* task);

  Napi::TypedThreadSafeFunction<NetworkQueue, NetworkTask, &NetworkQueue::CallJs> completions_;
  size_t pending_ = 0;  // main thread: submitted, not yet completed
  std::mutex mutex_;
  std::condition_variable idle_;
  size_t running_ = 0;   // guarded by mutex_
  bool closed_ = false;  // guarded by mutex_
};

}  // namespace gssnative
