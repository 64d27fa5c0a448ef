#include "terminal_keys.h"

#include <gtest/gtest.h>

#include <cstring>

using vpico::gui::key_bytes;

namespace {

SDL_Event key(SDL_Keycode sym, Uint16 mod = KMOD_NONE) {
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = sym;
  e.key.keysym.mod = mod;
  return e;
}

}  // namespace

TEST(TerminalKeys, TypedTextGoesAsIs) {
  SDL_Event e{};
  e.type = SDL_TEXTINPUT;
  std::strcpy(e.text.text, "print(1)");
  EXPECT_EQ(key_bytes(e), "print(1)");
}

TEST(TerminalKeys, EnterIsCarriageReturnAndBackspaceIsDel) {
  EXPECT_EQ(key_bytes(key(SDLK_RETURN)), "\r");
  EXPECT_EQ(key_bytes(key(SDLK_BACKSPACE)), "\x7f");
}

TEST(TerminalKeys, CtrlLettersAreControlCodes) {
  EXPECT_EQ(key_bytes(key(SDLK_c, KMOD_LCTRL)), "\x03");
  EXPECT_EQ(key_bytes(key(SDLK_d, KMOD_RCTRL)), "\x04");
  EXPECT_EQ(key_bytes(key(SDLK_e, KMOD_LCTRL)), "\x05");
}

TEST(TerminalKeys, ArrowsAreVt100Sequences) {
  EXPECT_EQ(key_bytes(key(SDLK_UP)), "\x1b[A");
  EXPECT_EQ(key_bytes(key(SDLK_LEFT)), "\x1b[D");
}

TEST(TerminalKeys, PlainLetterKeysWaitForTheirTextEvent) {
  EXPECT_EQ(key_bytes(key(SDLK_a)), "");  // SDL_TEXTINPUT brings the character
  SDL_Event up{};
  up.type = SDL_KEYUP;
  EXPECT_EQ(key_bytes(up), "");
}
