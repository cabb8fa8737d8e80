// The help desk console's behaviour, served as /console/console.js. Plain browser JavaScript in a
// string: central has no bundler, and the console must not import the kiosk's renderer. It polls
// /console/api/state, answers a call, runs the browser's own WebRTC (central relays only the
// signalling), shows the kiosk's screen as the structured view the kiosk sends on the call's data
// channel and sends a pointer when the staff member taps an item. There is no submit control:
// submitting is the citizen's, at the kiosk.
export const CONSOLE_SCRIPT = String.raw`'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const OUTCOME = {
    'citizen-hung-up': '市民挂断 / citizen hung up',
    'staff-hung-up': '坐席挂断 / staff hung up',
    'no-answer': '无人接听 / not answered',
    'connection-lost': '网络中断 / connection lost',
  };
  let call = null;

  async function api(method, path, body) {
    const r = await fetch('/console/api' + path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (r.status === 401) {
      location.href = '/console/login';
      throw new Error('signed out');
    }
    let data = null;
    try {
      data = await r.json();
    } catch (e) {
      data = null;
    }
    return { ok: r.ok, status: r.status, data };
  }

  const mins = (s) => (s < 60 ? s + ' 秒 / s' : Math.floor(s / 60) + ' 分 ' + (s % 60) + ' 秒 / ' + Math.floor(s / 60) + ' min ' + (s % 60) + ' s');
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const net = (ok) => {
    const n = $('net');
    n.textContent = ok ? '' : '与中心的网络中断，正在重试 / lost the connection to central, retrying';
    n.className = ok ? '' : 'offline';
  };

  // The notices, the queue and the callbacks: each line says what it is (and how long it has
  // waited) and has one button; an empty list says so.
  const button = (testid, label, onClick, disabled) => {
    const b = el('button', { 'data-testid': testid }, label);
    if (disabled) b.disabled = true;
    b.addEventListener('click', onClick);
    return b;
  };
  const actionLine = (attrs, what, waitedSec, action) => {
    const li = el('li', attrs);
    li.append(el('span', { class: 'what' }, what));
    if (waitedSec !== null) li.append(el('span', { class: 'waiting' }, '已等 / waiting ' + mins(waitedSec)));
    li.append(action);
    return li;
  };
  const fillList = (id, lines) => $(id).replaceChildren(...(lines.length ? lines : [el('li', {}, '暂无 / none')]));

  function render(s) {
    fillList(
      'notices',
      s.notices.map((n) =>
        actionLine(
          { 'data-testid': 'help-notice', 'data-terminal': n.terminalId },
          '终端 / terminal ' + n.terminalId + ' · ' + n.screen,
          n.waitingSec,
          button('notice-ack', '我去处理 / On my way', () => api('POST', '/notices/' + n.noticeId + '/ack', {}).then(refresh)),
        ),
      ),
    );
    fillList(
      'queue',
      s.queue.map((q) =>
        actionLine(
          { 'data-testid': 'queued-call', 'data-terminal': q.terminalId },
          q.position + '. 终端 / terminal ' + q.terminalId + ' · ' + [q.screen.screen, q.screen.step, q.screen.serviceName].filter(Boolean).join(' · '),
          q.waitedSec,
          button('answer-call', '接听 / Answer', () => answer(q.callId, q.terminalId), !!call),
        ),
      ),
    );
    fillList(
      'callbacks',
      s.callbacks.map((cb) =>
        actionLine(
          { 'data-testid': 'callback' },
          cb.phone + ' · 终端 / terminal ' + cb.terminalId + ' · ' + cb.at.replace('T', ' ').slice(0, 16) + 'Z',
          null,
          button('callback-done', '已回拨 / Called back', () => api('POST', '/callbacks/' + cb.seq + '/done', {}).then(refresh)),
        ),
      ),
    );
    $('log').replaceChildren(
      ...s.log.map((r) => {
        const tr = el('tr', { 'data-testid': 'session-row' });
        tr.append(el('td', {}, r.at.replace('T', ' ').slice(0, 19) + 'Z'));
        tr.append(el('td', {}, r.terminalId));
        tr.append(el('td', {}, r.staffId || '—'));
        tr.append(el('td', {}, mins(r.waitedSec)));
        tr.append(el('td', {}, r.talkedSec === null ? '—' : mins(r.talkedSec)));
        tr.append(el('td', {}, r.endReason ? OUTCOME[r.endReason] || r.endReason : r.state));
        return tr;
      }),
    );
  }

  async function refresh() {
    try {
      const r = await api('GET', '/state');
      net(r.ok);
      if (r.ok) render(r.data);
    } catch (e) {
      net(false);
    }
  }

  // ── the call ─────────────────────────────────────────────────────────────────────────────
  function status(text) {
    $('call-status').textContent = text;
  }

  function send(kind, data) {
    const c = call;
    if (!c) return Promise.resolve();
    // one message after the other, so the offer reaches the kiosk before its candidates
    c.chain = c.chain.then(() => api('POST', '/calls/' + c.callId + '/signals', { kind, data }).catch(() => null));
    return c.chain;
  }

  function showScreen(msg) {
    $('screen-title').textContent = msg.title || '';
    $('call-consent').textContent =
      '市民同意 / citizen agreed: ' + (msg.consent && msg.consent.camera ? '摄像头和麦克风 / camera and microphone' : '仅声音 / voice only') + (msg.consent && msg.consent.screen ? '，屏幕状态 / screen state' : '');
    const list = $('screen-view');
    list.replaceChildren(
      ...(msg.items || []).map((it) => {
        const li = el('li');
        const b = el('button', { 'data-testid': 'screen-item', 'data-target-id': it.id, class: it.role }, (it.role === 'button' ? '[按钮 / button] ' : it.role === 'field' ? '[填写项 / field] ' : '') + it.label);
        b.addEventListener('click', () => {
          if (call && call.dc && call.dc.readyState === 'open') call.dc.send(JSON.stringify({ type: 'point', id: it.id }));
          status('已在终端上指出 / pointed at on the kiosk: ' + it.label);
        });
        li.append(b);
        return li;
      }),
    );
  }

  async function pathOf(pc) {
    const stats = await pc.getStats();
    let pair = null;
    stats.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
    });
    if (!pair) stats.forEach((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded' && (pair = s));
    if (!pair) return null;
    const local = stats.get(pair.localCandidateId);
    const remote = stats.get(pair.remoteCandidateId);
    return { local: local && local.candidateType, remote: remote && remote.candidateType };
  }

  async function answer(callId, terminalId) {
    if (call) return;
    const r = await api('POST', '/calls/' + callId + '/answer', {});
    if (!r.ok) {
      await refresh();
      return;
    }
    const ice = r.data.ice;
    const pc = new RTCPeerConnection({ iceServers: ice.iceServers, iceTransportPolicy: ice.iceTransportPolicy || 'all' });
    call = { callId, pc, dc: null, after: 0, chain: Promise.resolve(), pending: [], remoteSet: false, media: null, timer: 0, lostTimer: 0 };
    $('call').hidden = false;
    $('call-ended').textContent = '';
    $('call-terminal').textContent = terminalId;
    $('call-path').textContent = '—';
    status('正在接通 / connecting…');
    let media = null;
    try {
      media = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch (e) {
      status('本机摄像头或麦克风不可用，市民听不到您 / no camera or microphone here: the citizen cannot hear you');
    }
    call.media = media;
    if (media) {
      $('local-video').srcObject = media;
      media.getTracks().forEach((t) => pc.addTrack(t, media));
    } else {
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    const dc = pc.createDataChannel('screen');
    call.dc = dc;
    dc.addEventListener('message', (e) => {
      try {
        const msg = JSON.parse(e.data);
        if (msg.type === 'screen') showScreen(msg);
      } catch (err) {
        /* a malformed message is dropped */
      }
    });
    pc.addEventListener('track', (e) => {
      $('remote-video').srcObject = e.streams[0] || new MediaStream([e.track]);
    });
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) send('candidate', JSON.stringify(e.candidate.toJSON()));
    });
    pc.addEventListener('connectionstatechange', () => onConnection(pc));
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    send('offer', offer.sdp);
    poll();
  }

  async function onConnection(pc) {
    if (!call || call.pc !== pc) return;
    const s = pc.connectionState;
    if (s === 'connected') {
      clearTimeout(call.lostTimer);
      status('已接通 / connected');
      const p = await pathOf(pc);
      if (p) $('call-path').textContent = p.local === 'relay' || p.remote === 'relay' ? '经中继服务器 / via TURN relay (' + p.local + ' → ' + p.remote + ')' : '直连 / direct (' + p.local + ' → ' + p.remote + ')';
    } else if (s === 'disconnected') {
      status('网络中断，正在重新连接… / the connection dropped, reconnecting…');
      clearTimeout(call.lostTimer);
      call.lostTimer = setTimeout(() => lost(pc), 15000);
    } else if (s === 'failed') {
      lost(pc);
    }
  }

  function lost(pc) {
    if (!call || call.pc !== pc) return;
    const c = call;
    api('POST', '/calls/' + c.callId + '/hangup', { reason: 'connection-lost' }).catch(() => null);
    end('网络中断，通话已结束 / the connection was lost: the call has ended');
  }

  async function poll() {
    const c = call;
    if (!c) return;
    try {
      const r = await api('GET', '/calls/' + c.callId + '/signals?after=' + c.after);
      if (call !== c) return;
      if (r.ok) {
        net(true);
        for (const s of r.data.signals) {
          c.after = Math.max(c.after, s.seq);
          if (s.kind === 'answer') {
            await c.pc.setRemoteDescription({ type: 'answer', sdp: s.data });
            c.remoteSet = true;
            for (const cand of c.pending.splice(0)) await c.pc.addIceCandidate(cand).catch(() => null);
          } else if (s.kind === 'candidate') {
            const cand = JSON.parse(s.data);
            if (c.remoteSet) await c.pc.addIceCandidate(cand).catch(() => null);
            else c.pending.push(cand);
          }
        }
        if (r.data.state === 'ended' || r.data.state === 'missed') {
          end('市民已挂断 / the citizen hung up');
          return;
        }
      } else if (r.status === 404) {
        end('通话已不存在 / the call is gone');
        return;
      }
    } catch (e) {
      net(false);
    }
    c.timer = setTimeout(poll, c.pc.connectionState === 'connected' ? 1500 : 500);
  }

  function end(message) {
    const c = call;
    if (!c) return;
    call = null;
    clearTimeout(c.timer);
    clearTimeout(c.lostTimer);
    c.pc.close();
    if (c.media) c.media.getTracks().forEach((t) => t.stop());
    $('remote-video').srcObject = null;
    $('local-video').srcObject = null;
    $('screen-view').replaceChildren();
    $('screen-title').textContent = '';
    $('call').hidden = true;
    $('call-ended').textContent = message;
    refresh();
  }

  $('hangup').addEventListener('click', async () => {
    const c = call;
    if (!c) return;
    await api('POST', '/calls/' + c.callId + '/hangup', {}).catch(() => null);
    end('已挂断 / call ended');
  });

  refresh();
  setInterval(refresh, 2000);
})();
`;
