#include "import/progress_bar.hpp"

#include <unistd.h>

namespace cohort::import {

bool ProgressBar::is_terminal(int fd) { return ::isatty(fd) == 1; }

void ProgressBar::start(std::string label, std::size_t total) {
  if (!enabled_) return;
  finish();
  label_ = std::move(label);
  total_ = total;
  open_ = true;
  last_draw_ = {};
  draw(0);
}

void ProgressBar::update(std::size_t done) {
  if (!enabled_ || !open_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(done);
}

void ProgressBar::draw(std::size_t done) {
  constexpr std::size_t kWidth = 30;
  if (done > total_) done = total_;
  last_ = done;
  const std::size_t filled = total_ ? done * kWidth / total_ : kWidth;
  const unsigned percent = static_cast<unsigned>(total_ ? done * 100 / total_ : 100);
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '.');
  std::fprintf(out_, "\r%-10s [%s] %3u%% %zu/%zu", label_.c_str(), bar.c_str(), percent, done, total_);
  std::fflush(out_);
}

void ProgressBar::finish() {
  if (!enabled_ || !open_) return;
  draw(total_ == 0 ? 0 : (last_ < total_ ? last_ : total_));
  std::fputc('\n', out_);
  std::fflush(out_);
  open_ = false;
}

}  // namespace cohort::import
