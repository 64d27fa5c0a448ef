#include "terminal_keys.h"

namespace vpico::gui {

std::string key_bytes(const SDL_Event& e) {
  if (e.type == SDL_TEXTINPUT) return e.text.text;
  if (e.type != SDL_KEYDOWN) return {};
  const SDL_Keycode k = e.key.keysym.sym;
  if ((e.key.keysym.mod & KMOD_CTRL) && k >= SDLK_a && k <= SDLK_z)
    return std::string(1, char(k - SDLK_a + 1));
  switch (k) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
      return "\r";
    case SDLK_BACKSPACE:
      return "\x7f";
    case SDLK_TAB:
      return "\t";
    case SDLK_ESCAPE:
      return "\x1b";
    case SDLK_UP:
      return "\x1b[A";
    case SDLK_DOWN:
      return "\x1b[B";
    case SDLK_RIGHT:
      return "\x1b[C";
    case SDLK_LEFT:
      return "\x1b[D";
    case SDLK_HOME:
      return "\x1b[H";
    case SDLK_END:
      return "\x1b[F";
    case SDLK_DELETE:
      return "\x1b[3~";
    default:
      return {};
  }
}

}  // namespace vpico::gui
