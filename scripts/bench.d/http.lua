-- wrk: each thread moves its own nominations back and forth at the province, as the engine
-- benchmark's workers do: POST …/return as the province approver, then …/resubmit as the
-- proposer, round after round. Keep-alive; ids and tokens come from the environment
-- (AWARD_IDS "1 2 3 …", AWARD_THREADS, AWARD_PROVINCE_TOKEN, AWARD_NOMINATOR_TOKEN).
local counter = 0
local threads = {}

function setup(thread)
   thread:set("index", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   local all = {}
   for id in string.gmatch(os.getenv("AWARD_IDS"), "%d+") do table.insert(all, id) end
   local count = tonumber(os.getenv("AWARD_THREADS"))
   mine = {}
   for i = 1, #all do
      if (i - 1) % count == index then table.insert(mine, all[i]) end
   end
   province = "Bearer " .. os.getenv("AWARD_PROVINCE_TOKEN")
   nominator = "Bearer " .. os.getenv("AWARD_NOMINATOR_TOKEN")
   step = -1
end

function request()
   -- wrk calls request() once per thread before it connects and does not send that request:
   -- make it a harmless read, so that the return/resubmit sequence starts with the first one sent.
   if step < 0 then
      step = 0
      return wrk.format("GET", "/v1/nominations/" .. mine[1], { ["Authorization"] = province })
   end
   local id = mine[(step % #mine) + 1]
   local returning = (math.floor(step / #mine) % 2) == 0
   step = step + 1
   if returning then
      return wrk.format("POST", "/v1/nominations/" .. id .. "/return",
         { ["Authorization"] = province, ["Content-Type"] = "application/json" }, '{"reason":"bench"}')
   end
   return wrk.format("POST", "/v1/nominations/" .. id .. "/resubmit",
      { ["Authorization"] = nominator, ["Content-Type"] = "application/json" }, '{}')
end
