#include "network_pool.h"

#include <cstdlib>
#include <deque>
#include <thread>
#include <utility>

namespace gssnative {
namespace {

struct Job {
  std::shared_ptr<NetworkQueue> queue;
  NetworkTask* task;
};

class Pool {
 public:
  void Submit(Job job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
    // A woken thread counts as idle until it takes a job: start a thread
    // whenever jobs outnumber idle threads, so a burst does not queue.
    if (jobs_.size() > idle_ && threads_ < Limit()) {
      ++threads_;
      std::thread([this] { Run(); }).detach();
    } else {
      ready_.notify_one();
    }
  }

 private:
  static size_t Limit() {
    static const size_t limit = [] {
      const char* value = std::getenv("GSSAPI_NETWORK_THREADS");
      long n = value != nullptr ? std::strtol(value, nullptr, 10) : 0;
      return n > 0 && n <= 1024 ? static_cast<size_t>(n) : size_t{32};
    }();
    return limit;
  }

  void Run() {
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ++idle_;
        ready_.wait(lock, [this] { return !jobs_.empty(); });
        --idle_;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      // Deliver before EndRun: Close() releases the thread-safe function once
      // nothing runs, so no delivery may follow it. A task whose queue closed
      // before it started is dropped (see network_pool.h).
      if (job.queue->BeginRun()) {
        job.task->Execute();
        job.queue->Deliver(job.task);
        job.queue->EndRun();
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  size_t threads_ = 0;
  size_t idle_ = 0;
};

// Never destroyed: detached threads may still wait on it at process exit.
Pool& ThePool() {
  static Pool* pool = new Pool();
  return *pool;
}

}  // namespace

std::shared_ptr<NetworkQueue> NetworkQueue::Create(Napi::Env env) {
  auto queue = std::make_shared<NetworkQueue>();
  queue->completions_ = decltype(queue->completions_)::New(env, "gssapi-network", 0, 1, queue.get());
  queue->completions_.Unref(env);  // only pending tasks keep the event loop alive
  return queue;
}

void NetworkQueue::Submit(Napi::Env env, NetworkTask* task) {
  if (pending_++ == 0) completions_.Ref(env);
  ThePool().Submit(Job{shared_from_this(), task});
}

void NetworkQueue::Close() {
  std::unique_lock<std::mutex> lock(mutex_);
  closed_ = true;
  idle_.wait(lock, [this] { return running_ == 0; });
  lock.unlock();
  completions_.Release();
}

bool NetworkQueue::BeginRun() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) return false;
  ++running_;
  return true;
}

void NetworkQueue::EndRun() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (--running_ == 0) idle_.notify_all();
}

void NetworkQueue::Deliver(NetworkTask* task) {
  // When the environment is closing the call is refused or later dropped
  // (CallJs without an env): the task then leaks, since its JavaScript
  // references can only be freed on the environment's own thread.
  completions_.BlockingCall(task);
}

void NetworkQueue::CallJs(Napi::Env env, Napi::Function, NetworkQueue* queue, NetworkTask* task) {
  if (env == nullptr) return;  // the environment is being torn down
  task->Complete(env);
  if (--queue->pending_ == 0) queue->completions_.Unref(env);
}

}  // namespace gssnative
