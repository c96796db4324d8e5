// The SD building blocks against the SDXorg test-models (Vensim reference output, Euler).
//
// Each test writes the .mdl model with goaldrift's kernels and inputs, runs it with Euler at
// the model's TIME STEP and compares every output column within 1e-4 relative.
#include <doctest/doctest.h>

#include <cmath>

#include <goaldrift/goaldrift.hpp>

#include "support/reference.hpp"
#include "support/sd_model.hpp"

namespace gd = goaldrift;
using support::sd_model;
using when_t = gd::time_point;

namespace {

template <class Model>
gd::trajectory euler(const Model& m, double end, double dt, double save_every = 0.0) {
  return gd::simulate(m, gd::run_options(0.0, end, dt).saving_every(save_every),
                      gd::method::euler{});
}

const when_t at_start{0.0};

}  // namespace

TEST_CASE("conformance: smooth (SMOOTH, SMOOTHI, SMOOTH3, SMOOTH3I, SMOOTH N)") {
  const char* ref_file = "tests/smooth/output.tab";
  if (!support::reference_available(ref_file)) return;

  // Input = -1 + STEP(5, 5); Adjustment Time = 2 + STEP(2, 10); order = 2 + STEP(1, 10),
  // read at the start as Vensim does; Initial Value = 5.
  const auto input = -1.0 + gd::input::step(5.0, 5.0);
  const auto adjustment = 2.0 + gd::input::step(2.0, 10.0);
  const gd::sd::smooth_n<4> smooth_n(static_cast<int>((2.0 + gd::input::step(1.0, 10.0))(at_start)));
  const double initial = 5.0;

  sd_model<12, 7> m;
  m.names = {"smooth", "smoothi", "s3.1", "s3.2", "s3.3", "s3i.1", "s3i.2", "s3i.3",
             "sn.1",   "sn.2",    "sn.3", "sn.4"};
  m.outputs = {"Input",          "Adjustment Time", "Smooth output", "SmoothI output",
               "Smooth3 output", "Smooth3I output", "Smooth N output"};
  m.init = [&] {
    // The kernels take the smoothing time at every call; check its first value here.
    gd::sd::smooth3::validate(adjustment(at_start));
    smooth_n.validate(adjustment(at_start));
    std::array<double, 12> x{};
    gd::sd::smooth::initialize(&x[0], input(at_start));
    gd::sd::smooth::initialize(&x[1], initial);
    gd::sd::smooth3::initialize(&x[2], input(at_start));
    gd::sd::smooth3::initialize(&x[5], initial);
    smooth_n.initialize(&x[8], initial);
    return x;
  };
  m.rates = [&](const auto& x, auto& dxdt, const when_t& w) {
    const double in = input(w);
    const double t = adjustment(w);
    gd::sd::smooth::derivative(&x[0], in, t, &dxdt[0]);
    gd::sd::smooth::derivative(&x[1], in, t, &dxdt[1]);
    gd::sd::smooth3::derivative(&x[2], in, t, &dxdt[2]);
    gd::sd::smooth3::derivative(&x[5], in, t, &dxdt[5]);
    smooth_n.derivative(&x[8], in, t, &dxdt[8]);
  };
  m.aux = [&](const auto& x, const when_t& w) {
    return std::array<double, 7>{input(w),
                                 adjustment(w),
                                 gd::sd::smooth::output(&x[0]),
                                 gd::sd::smooth::output(&x[1]),
                                 gd::sd::smooth3::output(&x[2]),
                                 gd::sd::smooth3::output(&x[5]),
                                 smooth_n.output(&x[8])};
  };
  const auto result = euler(m, 20.0, 0.25);
  support::compare(result, support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
}

TEST_CASE("conformance: smooth_and_stock (smooths of constants beside ordinary stocks)") {
  const char* ref_file = "tests/smooth_and_stock/output.tab";
  if (!support::reference_available(ref_file)) return;

  sd_model<7, 5> m;  // Input stock, Smoothed Input, SMOOTH3(100, 2) x3, SMOOTH(100, 2), accumulation
  m.names = {"Input", "smoothed", "t1", "t2", "t3", "first", "accumulation"};
  m.outputs = {"Input", "Smoothed Input", "third order smooth", "first order smooth",
               "accumulation"};
  m.init = [] {
    std::array<double, 7> x{};
    x[0] = 4.0;
    gd::sd::smooth::initialize(&x[1], x[0]);
    gd::sd::smooth3::initialize(&x[2], 100.0);
    gd::sd::smooth::initialize(&x[5], 100.0);
    x[6] = 0.0;
    return x;
  };
  m.rates = [](const auto& x, auto& dxdt, const when_t&) {
    dxdt[0] = 0.0;
    gd::sd::smooth::derivative(&x[1], x[0], 2.0, &dxdt[1]);
    gd::sd::smooth3::derivative(&x[2], 100.0, 2.0, &dxdt[2]);
    gd::sd::smooth::derivative(&x[5], 100.0, 2.0, &dxdt[5]);
    dxdt[6] = 5.0;
  };
  m.aux = [](const auto& x, const when_t&) {
    return std::array<double, 5>{x[0], x[1], gd::sd::smooth3::output(&x[2]), x[5], x[6]};
  };
  support::compare(euler(m, 45.0, 0.25), support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
}

TEST_CASE("conformance: delays (DELAY1, DELAY1I, DELAY3, DELAY3I, DELAY N, varying delay time)") {
  const char* ref_file = "tests/delays/output.tab";
  if (!support::reference_available(ref_file)) return;

  const auto input = -1.0 + gd::input::step(5.0, 5.0);
  const auto delay_time = 4.0 + gd::input::step(2.0, 15.0);
  const int order = static_cast<int>((2.0 + gd::input::step(1.0, 10.0))(at_start));
  gd::sd::delay_n<4> delay_n(order);
  const double initial = 6.0;

  sd_model<12, 7> m;
  m.names = {"d1", "d1i", "d3.1", "d3.2", "d3.3", "d3i.1", "d3i.2", "d3i.3",
             "dn.1", "dn.2", "dn.3", "dn.4"};
  m.outputs = {"Input",          "Delay Time",     "Output Delay1", "Output Delay1I",
               "Output Delay3",  "Output Delay3I", "OutputDelayN"};
  m.init = [&] {
    std::array<double, 12> x{};
    const double dt0 = delay_time(at_start);
    gd::sd::delay1::initialize(&x[0], input(at_start), dt0);
    gd::sd::delay1::initialize(&x[1], initial, dt0);
    gd::sd::delay3::initialize(&x[2], input(at_start), dt0);
    gd::sd::delay3::initialize(&x[5], initial, dt0);
    delay_n.initialize(&x[8], initial, dt0);
    return x;
  };
  // Vensim's DELAY N passes a changed delay time down its stages one step at a time.
  m.on_grid = [&](auto&, const when_t& w) { delay_n.advance(delay_time(w)); };
  m.rates = [&](const auto& x, auto& dxdt, const when_t& w) {
    const double in = input(w);
    const double d = delay_time(w);
    gd::sd::delay1::derivative(&x[0], in, d, &dxdt[0]);
    gd::sd::delay1::derivative(&x[1], in, d, &dxdt[1]);
    gd::sd::delay3::derivative(&x[2], in, d, &dxdt[2]);
    gd::sd::delay3::derivative(&x[5], in, d, &dxdt[5]);
    delay_n.derivative(&x[8], in, &dxdt[8]);
  };
  m.aux = [&](const auto& x, const when_t& w) {
    const double d = delay_time(w);
    return std::array<double, 7>{input(w),
                                 d,
                                 gd::sd::delay1::output(&x[0], d),
                                 gd::sd::delay1::output(&x[1], d),
                                 gd::sd::delay3::output(&x[2], d),
                                 gd::sd::delay3::output(&x[5], d),
                                 delay_n.output(&x[8])};
  };
  support::compare(euler(m, 100.0, 1.0), support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
}

TEST_CASE("conformance: delay_fixed (delay times off the grid, read once at the start)") {
  const char* ref_file = "tests/delay_fixed/output.tab";
  if (!support::reference_available(ref_file)) return;

  struct spec {
    const char* name;
    double delay;
    double initial;
  };
  // DST = DELAY FIXED(Time^2, 2 + 2 SIN(Time), 7) and DT2 = DELAY FIXED(Time^2, Time/2, 4):
  // Vensim reads their delay time once, at Time = 0.
  const std::array<spec, 8> specs{{{"DF05", 0.5, -10.0},
                                   {"DF1", 1.0, 10.0},
                                   {"DF12", 1.2, -4.0},
                                   {"DF15", 1.5, 20.0},
                                   {"DF2", 2.0, -3.0},
                                   {"DF37", 3.7, 4.0},
                                   {"DST", 2.0 + 2.0 * std::sin(0.0), 7.0},
                                   {"DT2", 0.0 / 2.0, 4.0}}};
  std::array<gd::sd::delay_fixed<double>, 8> pipelines;

  sd_model<0, 9> m;
  m.outputs = {"time squared", "DF05", "DF1", "DF12", "DF15", "DF2", "DF37", "DST", "DT2"};
  m.on_start = [&](const gd::run_context& ctx) {
    for (std::size_t i = 0; i < specs.size(); ++i) {
      pipelines[i].start(specs[i].delay, ctx, specs[i].initial);
    }
  };
  m.on_grid = [&](auto&, const when_t& w) {
    for (auto& p : pipelines) p.advance(w.t * w.t);
  };
  m.aux = [&](const auto&, const when_t& w) {
    std::array<double, 9> out{w.t * w.t};
    for (std::size_t i = 0; i < pipelines.size(); ++i) out[i + 1] = pipelines[i].output();
    return out;
  };
  const auto result = euler(m, 50.0, 1.0);
  support::compare(result, support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
  CHECK(pipelines[3].steps() == 2);  // 1.5 rounds up to two steps
  CHECK(pipelines[7].steps() == 1);  // a delay of 0 still delays one step
}

TEST_CASE("conformance: delay_pipeline (DELAY FIXED and DELAY N at fractional multiples of dt)") {
  const char* ref_file = "tests/delay_pipeline/output.tab";
  if (!support::reference_available(ref_file)) return;

  const double dt = 0.5;
  const double initial = 6.0;
  const auto input = -1.0 + gd::input::step(5.0, 5.0);
  const auto changing = 4.0 + gd::input::step(2.0, 15.0);
  const double fractional = 2.5 * dt;
  const double integer = dt * 5.0;
  gd::sd::delay_n<3> second(2), second_modified(2), third(3), third_modified(3);
  gd::sd::delay_fixed<double> fixed_changing, fixed_fractional, fixed_integer;

  sd_model<12, 8> m;
  m.names = {"a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3", "d1", "d2", "d3"};
  m.outputs = {"Input",
               "Output Changing Delay Time",
               "Output Fractional Pipeline Delay",
               "Output Integer Pipeline Delay",
               "Output Second Order Delay",
               "Output Second Order Delay with Modified Delay Time",
               "Output Third order Delay",
               "Output Third order Delay with Modified Delay Time"};
  m.init = [&] {
    std::array<double, 12> x{};
    // "See if the order is rounded to 3 or 2": Vensim lowers it to 2, as 3 * 0.5 > 1.25.
    second.fit_order_to_step(dt, fractional);
    second_modified.fit_order_to_step(dt, 1.0);
    third.fit_order_to_step(dt, fractional);
    third_modified.fit_order_to_step(dt, 1.5);
    second.initialize(&x[0], initial, fractional);
    second_modified.initialize(&x[3], initial, 1.0);
    third.initialize(&x[6], initial, fractional);
    third_modified.initialize(&x[9], initial, 1.5);
    return x;
  };
  m.on_start = [&](const gd::run_context& ctx) {
    fixed_changing.start(changing(at_start), ctx, initial);
    fixed_fractional.start(fractional, ctx, initial);
    fixed_integer.start(integer, ctx, initial);
  };
  m.on_grid = [&](auto&, const when_t& w) {
    const double in = input(w);
    fixed_changing.advance(in);
    fixed_fractional.advance(in);
    fixed_integer.advance(in);
  };
  m.rates = [&](const auto& x, auto& dxdt, const when_t& w) {
    const double in = input(w);
    second.derivative(&x[0], in, &dxdt[0]);
    second_modified.derivative(&x[3], in, &dxdt[3]);
    third.derivative(&x[6], in, &dxdt[6]);
    third_modified.derivative(&x[9], in, &dxdt[9]);
  };
  m.aux = [&](const auto& x, const when_t& w) {
    return std::array<double, 8>{input(w),
                                 fixed_changing.output(),
                                 fixed_fractional.output(),
                                 fixed_integer.output(),
                                 second.output(&x[0]),
                                 second_modified.output(&x[3]),
                                 third.output(&x[6]),
                                 third_modified.output(&x[9])};
  };
  support::compare(euler(m, 100.0, dt), support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
  CHECK(fixed_fractional.steps() == 3);  // 2.5 steps round to 3
  CHECK(third.order() == 2);
  CHECK(third_modified.order() == 3);
}

TEST_CASE("conformance: trend (TREND of a sinusoid)") {
  const char* ref_file = "tests/trend/output.csv";
  if (!support::reference_available(ref_file)) return;

  const auto input = gd::input::function(
      [](double t) { return 1.0 + 0.5 * std::sin(2.0 * 3.14159 * t / 20.0); });
  const double average_time = 6.0;
  const double initial_trend = 0.0;
  sd_model<1, 2> m;
  m.names = {"average"};
  m.outputs = {"input", "TREND of input"};
  m.init = [&] {
    std::array<double, 1> x{};
    gd::sd::trend::initialize(x.data(), input(at_start), average_time, initial_trend);
    return x;
  };
  m.rates = [&](const auto& x, auto& dxdt, const when_t& w) {
    gd::sd::trend::derivative(x.data(), input(w), average_time, dxdt.data());
  };
  m.aux = [&](const auto& x, const when_t& w) {
    return std::array<double, 2>{input(w), gd::sd::trend::output(x.data(), input(w), average_time)};
  };
  // This file prints 5 decimals (0.03214, -0.00053), so a value is known to +-5e-6 at best.
  support::compare(euler(m, 100.0, 1.0), support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()}, 1e-4, 5e-6);
}

TEST_CASE("conformance: lookups (a lookup of Time integrated by a stock)") {
  const char* ref_file = "tests/lookups/output.tab";
  if (!support::reference_available(ref_file)) return;

  const gd::input::table rate{{0, 0}, {5, 0}, {10, 1}, {15, 1}, {20, 0},
                              {25, 0}, {30, -1}, {35, -1}, {40, 0}, {45, 0}};
  sd_model<1, 3> m;
  m.names = {"accumulation"};
  m.outputs = {"lookup function call", "rate", "accumulation"};
  m.init = [] { return std::array<double, 1>{0.0}; };
  m.rates = [&](const auto&, auto& dxdt, const when_t& w) { dxdt[0] = rate(w); };
  m.aux = [&](const auto& x, const when_t& w) {
    return std::array<double, 3>{rate(w), rate(w), x[0]};
  };
  support::compare(euler(m, 45.0, 0.25), support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
}

TEST_CASE("conformance: lookups_inline (WITH LOOKUP of Time)") {
  const char* ref_file = "tests/lookups_inline/output.tab";
  if (!support::reference_available(ref_file)) return;

  const gd::sd::lookup curve{{0, -1},         {8.75764, -0.630332}, {19.7556, -0.0710901},
                             {33.6049, 0.232227}, {49.0835, -0.118483}, {63.3401, -0.2891},
                             {81.6701, 0.184834}, {92.057, 0.744076},   {100, 1}};
  sd_model<0, 1> m;
  m.outputs = {"Variable with Inline Lookup"};
  m.aux = [&](const auto&, const when_t& w) { return std::array<double, 1>{curve(w.t)}; };
  support::compare(euler(m, 100.0, 5.0), support::read_reference(ref_file), {m.outputs[0]});
}

TEST_CASE("conformance: input_functions (STEP, PULSE, PULSE TRAIN, RAMP summed into a stock)") {
  const char* ref_file = "tests/input_functions/output.csv";
  if (!support::reference_available(ref_file)) return;

  const gd::input::pulse pulse(3.0, 2.0);
  const gd::input::pulse_train train(7.0, 1.0, 2.0, 12.0);
  const gd::input::ramp ramp(1.0, 14.0, 17.0);
  const gd::input::step step(1.0, 1.0);
  const auto sum = pulse + train + ramp + step;

  sd_model<1, 6> m;
  m.names = {"StockA"};
  m.outputs = {"InputA", "StockA", "Test Pulse", "Test Pulse Train", "Test Ramp", "Test Step"};
  m.init = [] { return std::array<double, 1>{0.0}; };
  m.rates = [&](const auto&, auto& dxdt, const when_t& w) { dxdt[0] = sum(w); };
  m.aux = [&](const auto& x, const when_t& w) {
    return std::array<double, 6>{sum(w), x[0], pulse(w), train(w), ramp(w), step(w)};
  };
  support::compare(euler(m, 25.0, 0.0625), support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
}

TEST_CASE("conformance: euler_step_vs_saveper (steps of TIME STEP, output every SAVEPER)") {
  const char* ref_file = "tests/euler_step_vs_saveper/output.tab";
  if (!support::reference_available(ref_file)) return;

  auto cosine = [](double t) { return std::cos(t * 2.0 * 3.14159265358); };
  sd_model<1, 2> m;
  m.names = {"Sine of t"};
  m.outputs = {"Cosine of t", "Sine of t"};
  m.init = [] { return std::array<double, 1>{10.0}; };
  m.rates = [&](const auto&, auto& dxdt, const when_t& w) { dxdt[0] = cosine(w.t); };
  m.aux = [&](const auto& x, const when_t& w) { return std::array<double, 2>{cosine(w.t), x[0]}; };
  support::compare(euler(m, 100.0, 0.03125, 1.0), support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
}

TEST_CASE("conformance: builtin_max and builtin_min (MAX(Time, 5), MIN(Time, 5))") {
  for (const bool is_max : {true, false}) {
    const char* ref_file = is_max ? "tests/builtin_max/output.csv" : "tests/builtin_min/output.csv";
    if (!support::reference_available(ref_file)) return;
    sd_model<0, 1> m;
    m.outputs = {"output"};
    m.aux = [is_max](const auto&, const when_t& w) {
      return std::array<double, 1>{is_max ? gd::math::max(w.t, 5.0) : gd::math::min(w.t, 5.0)};
    };
    support::compare(euler(m, 10.0, 1.0), support::read_reference(ref_file), {"output"});
  }
}

TEST_CASE("conformance: teacup, built from goaldrift's own parts (absolute goal, instant perception)") {
  const char* ref_file = "samples/teacup/output.csv";
  if (!support::reference_available(ref_file)) return;

  // Newton cooling is goal seeking: S = teacup temperature, D = room temperature (an absolute
  // standard), action = (D - S) / 10 = -Heat Loss to Room.
  const auto teacup = gd::make_model(gd::state::actual(180.0, 10.0), gd::perception::instant{},
                                     gd::goal::absolute(70.0));
  const auto result = euler(teacup, 30.0, 0.125);
  const auto ref = support::read_reference(ref_file);
  const auto time = ref.values(ref.names.front());
  const auto temperature = ref.values("Teacup Temperature");
  const auto heat_loss = ref.values("Heat Loss to Room");
  REQUIRE(result.size() == temperature.size());
  REQUIRE(time.size() == temperature.size());
  for (std::size_t r = 0; r < temperature.size(); ++r) {
    CHECK(support::close(result.time()[r], time[r], 1e-5, 1e-5));  // as compare() does
    CHECK(support::close(result.actual()[r], temperature[r], 1e-4));
    CHECK(support::close(-result["action"][r], heat_loss[r], 1e-4));
  }
}

TEST_CASE("conformance: SIR (three coupled stocks)") {
  const char* ref_file = "samples/SIR/output.csv";
  if (!support::reference_available(ref_file)) return;

  const double infectivity = 0.3, duration = 5.0, population = 1000.0;
  sd_model<3, 5> m;
  m.names = {"Susceptible", "Infectious", "Recovered"};
  m.outputs = {"Susceptible", "Infectious", "Recovered", "Succumbing", "Recovering"};
  m.init = [&] { return std::array<double, 3>{population, 5.0, 0.0}; };
  auto flows = [=](const std::array<double, 3>& x) {
    return std::array<double, 2>{x[0] * x[1] / population * infectivity, x[1] / duration};
  };
  m.rates = [&](const auto& x, auto& dxdt, const when_t&) {
    const auto f = flows(x);
    dxdt = {-f[0], f[0] - f[1], f[1]};
  };
  m.aux = [&](const auto& x, const when_t&) {
    const auto f = flows(x);
    return std::array<double, 5>{x[0], x[1], x[2], f[0], f[1]};
  };
  support::compare(euler(m, 100.0, 0.03125), support::read_reference(ref_file),
                   {m.outputs.begin(), m.outputs.end()});
}
