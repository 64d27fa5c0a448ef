#include "board_window.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "board.h"
#include "board_view.h"
#include "parts_panel.h"
#include "pico_layout.h"
#include "screenshot.h"
#include "terminal_buffer.h"
#include "terminal_keys.h"

namespace vpico::gui {

namespace {

using Clock = std::chrono::steady_clock;

// The serial ports a terminal is shown for, in tab order.
constexpr std::array<const char*, 3> kPorts{"uart0", "usb", "uart1"};

struct Terminal {
  SerialPort* port = nullptr;
  TerminalBuffer buffer;
  uint64_t shown_generation = ~0ull;
};

// SDL, its GL context and ImGui, torn down in reverse order however the window ends.
class Window {
 public:
  static Result<std::unique_ptr<Window>> open(const BoardWindowOptions& o) {
    auto w = std::unique_ptr<Window>(new Window);
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
      return Error{
          fmt::format("cannot open a window: {} (no display? set DISPLAY, or run "
                      "under xvfb-run)",
                      SDL_GetError())};
    w->m_sdl = true;
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    w->m_window = SDL_CreateWindow(o.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                   o.width, o.height, SDL_WINDOW_OPENGL);
    if (!w->m_window) return Error{fmt::format("cannot open a window: {}", SDL_GetError())};
    w->m_gl = SDL_GL_CreateContext(w->m_window);
    if (!w->m_gl) return Error{fmt::format("cannot create an OpenGL context: {}", SDL_GetError())};
    SDL_GL_MakeCurrent(w->m_window, w->m_gl);
    // Vsync only in real time: a deterministic run draws as fast as it can.
    SDL_GL_SetSwapInterval(o.realtime && !o.exit_after_ns ? 1 : 0);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    w->m_imgui = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini: the layout is fixed, and runs stay repeatable
    ImGui::StyleColorsDark();
    ImGui_ImplSDL2_InitForOpenGL(w->m_window, w->m_gl);
    ImGui_ImplOpenGL3_Init("#version 130");
    return w;
  }
  ~Window() {
    if (m_imgui) {
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplSDL2_Shutdown();
      ImGui::DestroyContext();
    }
    if (m_gl) SDL_GL_DeleteContext(m_gl);
    if (m_window) SDL_DestroyWindow(m_window);
    if (m_sdl) SDL_Quit();
  }
  SDL_Window* sdl() { return m_window; }
  void drawable_size(int* w, int* h) { SDL_GL_GetDrawableSize(m_window, w, h); }

 private:
  Window() = default;
  bool m_sdl = false, m_imgui = false;
  SDL_Window* m_window = nullptr;
  SDL_GLContext m_gl = nullptr;
};

std::string format_time_ns(uint64_t ns) {
  if (ns < 1'000'000'000ull) return fmt::format("{:.3f} ms", double(ns) / 1e6);
  return fmt::format("{:.3f} s", double(ns) / 1e9);
}

}  // namespace

Result<BoardWindowResult> run_board_window(Machine& m, const BoardWindowOptions& o) {
  auto opened = Window::open(o);
  if (!opened) return opened.error();
  Window& window = **opened;

  // The port's listener shares the terminal: ports keep their listeners for the machine's life.
  std::vector<std::shared_ptr<Terminal>> terminals;
  for (const char* name : kPorts) {
    SerialPort* port = m.serial(name);
    if (!port) continue;
    auto t = std::make_shared<Terminal>();
    t->port = port;
    t->buffer.write(port->output());  // what the port printed before the window opened
    port->on_output([t](uint8_t b) { t->buffer.write(b); });
    terminals.push_back(std::move(t));
  }

  const PicoLayout layout({110.0f, 70.0f}, 12.0f);
  BoardWindowResult result;
  bool running = true, realtime = o.realtime && !o.exit_after_ns;
  bool quit = false;
  int pressed_pin = 0;  // physical pin held to ground with the mouse
  std::string status = "running";
  std::array<char, 256> input{};
  SerialPort* typing_into = nullptr;  // the port whose terminal had the focus last frame
  const uint64_t start_ns = m.time_ns();
  const bool always = true;
  auto wall_anchor = Clock::now();
  uint64_t virt_anchor = m.time_ns();
  double shown_speed = 0;
  auto speed_wall = Clock::now();
  uint64_t speed_virt = m.time_ns();

  while (!quit) {
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
      if (event.type == SDL_QUIT) quit = true;
      // While a terminal has the focus, keys go to the firmware as a serial terminal sends them.
      if (typing_into) {
        const std::string bytes = key_bytes(event);
        if (!bytes.empty()) {
          typing_into->send(bytes);
          continue;
        }
      }
      ImGui_ImplSDL2_ProcessEvent(&event);
    }

    // --- advance the machine ------------------------------------------------------------
    if (running) {
      RunCondition c;
      c.host_input_open = &always;  // the user may type at any time
      const auto frame_start = Clock::now();
      if (o.exit_after_ns) {
        const uint64_t done = m.time_ns() - start_ns;
        c.max_time_ns = std::min<uint64_t>(o.frame_ns, *o.exit_after_ns - done);
      } else if (realtime) {
        const uint64_t wall_ns =
            uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(frame_start - wall_anchor)
                         .count());
        const uint64_t target = virt_anchor + wall_ns;
        // Never more than 100 ms behind: a slow host makes the board slow, not jerky.
        c.max_time_ns =
            target > m.time_ns() ? std::min<uint64_t>(target - m.time_ns(), 100'000'000) : 0;
        if (target > m.time_ns() + 100'000'000) {
          wall_anchor = frame_start;
          virt_anchor = m.time_ns();
        }
        // The host's share of a frame: stop at a quantum boundary after ~12 ms of work.
        c.on_quantum = [frame_start] {
          return Clock::now() - frame_start < std::chrono::milliseconds(12);
        };
      } else {
        c.on_quantum = [frame_start] {
          return Clock::now() - frame_start < std::chrono::milliseconds(14);
        };
        c.max_time_ns = 1'000'000'000;
      }
      if (*c.max_time_ns > 0) {
        result.last_run = m.run(c);
        if (result.last_run.reason == StopReason::Fault) {
          running = false;
          result.fault = true;
          status = result.last_run.fault ? "fault: " + result.last_run.fault->message : "fault";
        }
      }
    }
    if (o.exit_after_ns && (m.time_ns() - start_ns >= *o.exit_after_ns || !running)) quit = true;

    // --- draw ---------------------------------------------------------------------------
    int width = 0, height = 0;
    window.drawable_size(&width, &height);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    ImGuiIO& io = ImGui::GetIO();

    // Pressing a GPIO pad with the mouse holds it to ground (a button to GND) until released.
    if (!io.WantCaptureMouse && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      if (auto pin = layout.pin_at({io.MousePos.x, io.MousePos.y})) {
        const int gpio = PicoLayout::pins()[size_t(*pin - 1)].gpio;
        if (gpio >= 0) {
          pressed_pin = *pin;
          m.pins().drive(unsigned(gpio), false);
        }
      }
    }
    if (pressed_pin && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      m.pins().drive(unsigned(PicoLayout::pins()[size_t(pressed_pin - 1)].gpio), std::nullopt);
      pressed_pin = 0;
    }
    draw_pico(ImGui::GetBackgroundDrawList(), layout, m.pins(), pressed_pin);

    const float panel_x = 460.0f;
    const float status_h = 150.0f;
    const float parts_h = o.board ? 170.0f : 0.0f;
    ImGui::SetNextWindowPos(ImVec2(panel_x, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(float(width) - panel_x, float(height) - status_h - parts_h),
                             ImGuiCond_Always);
    SerialPort* focused_port = nullptr;
    ImGui::Begin("Serial", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    if (ImGui::BeginTabBar("ports")) {
      for (auto& t : terminals) {
        if (!ImGui::BeginTabItem(t->port->name().c_str())) continue;
        ImGui::BeginChild("text", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
        if (ImGui::IsWindowFocused()) focused_port = t->port;
        for (const std::string& line : t->buffer.lines())
          ImGui::TextUnformatted(line.c_str());
        if (t->shown_generation != t->buffer.generation()) {
          ImGui::SetScrollHereY(1.0f);  // follow new output
          t->shown_generation = t->buffer.generation();
        }
        ImGui::EndChild();
        ImGui::SetNextItemWidth(-170.0f);
        if (ImGui::InputText("##input", input.data(), input.size(),
                             ImGuiInputTextFlags_EnterReturnsTrue)) {
          t->port->send(std::string(input.data()) + "\r");  // Enter sends CR, as a terminal does
          input.fill(0);
          ImGui::SetKeyboardFocusHere(-1);
        }
        ImGui::SameLine();
        if (ImGui::Button("Ctrl-C")) t->port->send("\x03");
        ImGui::SameLine();
        if (ImGui::Button("Ctrl-D")) t->port->send("\x04");
        ImGui::SameLine();
        if (ImGui::Button("Clear")) t->buffer.clear();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ImGui::End();

    typing_into = focused_port;

    if (o.board) {
      ImGui::SetNextWindowPos(ImVec2(panel_x, float(height) - status_h - parts_h),
                              ImGuiCond_Always);
      ImGui::SetNextWindowSize(ImVec2(float(width) - panel_x, parts_h), ImGuiCond_Always);
      ImGui::Begin(
          "Parts", nullptr,
          ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
      ImGui::TextDisabled("%s", o.board->file().c_str());
      draw_parts_panel(*o.board);
      ImGui::End();
    }

    ImGui::SetNextWindowPos(ImVec2(panel_x, float(height) - status_h), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(float(width) - panel_x, status_h), ImGuiCond_Always);
    ImGui::Begin("Machine", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    const auto now = Clock::now();
    const double wall_s = std::chrono::duration<double>(now - speed_wall).count();
    if (wall_s >= 0.5) {  // the speed readout: virtual time per real time, over half a second
      shown_speed = double(m.time_ns() - speed_virt) / 1e9 / wall_s;
      speed_wall = now;
      speed_virt = m.time_ns();
    }
    ImGui::Text("virtual time %s   clk_sys %.3f MHz   cycles %llu   instructions %llu",
                format_time_ns(m.time_ns()).c_str(), m.sys_hz() / 1e6,
                static_cast<unsigned long long>(m.cycles()),
                static_cast<unsigned long long>(m.instructions()));
    if (o.exit_after_ns)
      ImGui::Text("speed: deterministic, %.1f ms of virtual time per frame",
                  double(o.frame_ns) / 1e6);
    else
      ImGui::Text("speed %.2fx real time", shown_speed);
    ImGui::Text("state: %s", running ? (o.exit_after_ns ? "running"
                                        : realtime      ? "running in real time"
                                                        : "running as fast as possible")
                                     : status.c_str());
    if (!result.fault) {
      if (ImGui::Button(running ? "Pause" : "Run")) {
        running = !running;
        wall_anchor = Clock::now();
        virt_anchor = m.time_ns();
      }
      ImGui::SameLine();
    }
    if (ImGui::Checkbox("real time", &realtime)) {
      wall_anchor = Clock::now();
      virt_anchor = m.time_ns();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("(click the terminal and type; click a GPIO pad to hold it to ground)");
    ImGui::End();

    ImGui::Render();
    glViewport(0, 0, width, height);
    glClearColor(0.11f, 0.12f, 0.14f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++result.frames;
    if (quit && !o.screenshot.empty())
      if (auto r = save_framebuffer_png(o.screenshot, width, height); !r) return r.error();
    SDL_GL_SwapWindow(window.sdl());
    if (!running && !quit) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return result;
}

}  // namespace vpico::gui
