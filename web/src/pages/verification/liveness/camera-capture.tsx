import { VideoCameraOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { LivenessAction } from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';
import { recordActions } from './capture-frames';

type Props = { actions: LivenessAction[]; busy: boolean; onFrames: (frames: Blob[]) => void };

/** The front camera (getUserMedia): prompts each action in turn and captures frames while it is done. */
export function CameraCapture({ actions, busy, onFrames }: Props) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [denied, setDenied] = useState(false);
  const [active, setActive] = useState<number | undefined>();
  const supported = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

  useEffect(
    () => () => {
      for (const track of stream?.getTracks() ?? []) track.stop();
    },
    [stream],
  );
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream]);

  const open = async () => {
    setDenied(false);
    try {
      setStream(
        await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 960 } },
          audio: false,
        }),
      );
    } catch {
      setDenied(true);
    }
  };
  const record = async () => {
    if (!video.current) return;
    const frames = await recordActions(video.current, actions.length, setActive);
    setActive(undefined);
    onFrames(frames);
  };

  if (!supported || denied)
    return <Alert type="warning" showIcon title={t('verification.liveness.cameraDenied')} />;
  if (!stream)
    return (
      <Button block size="large" icon={<VideoCameraOutlined />} onClick={open} data-testid="camera-open">
        {t('verification.liveness.cameraStart')}
      </Button>
    );
  const recording = active !== undefined;
  return (
    <div data-testid="camera">
      <div className="kd-verify-camera">
        <video ref={video} autoPlay playsInline muted />
        <div className="kd-verify-oval" />
        {recording && (
          <div className="kd-verify-camera-prompt">
            {t('verification.liveness.recording', { action: t(`verification.action.${actions[active]!}`) })}
            {` (${active + 1}/${actions.length})`}
          </div>
        )}
      </div>
      <Button
        type="primary"
        block
        size="large"
        loading={recording || busy}
        onClick={record}
        data-testid="camera-record"
      >
        {busy ? t('verification.liveness.sending') : t('verification.liveness.record')}
      </Button>
    </div>
  );
}
