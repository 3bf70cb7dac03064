// Thinker → Image testing: draw a sample image from a prompt and a style, with the image settings
// and the account's Image generation prompt, to see what they produce before articles use them.
// The cost is shown first; the job's progress is followed live until the image is there.
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useCanEditContent } from '../../app/content-modules';
import {
  GenerateTestImageDocument,
  type GenerateTestImageMutation,
  ImageTestingDocument,
  TestImageProgressDocument,
  type TestImageTileFragment,
} from '../../gql/graphql';
import { FINISHED_STATUSES } from '../../jobs/job-state';
import { Banner, FormFailureBanner, LoadFailedBanner } from '../../ui/Banner';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatDateTime, formatNumber, humanize } from '../../ui/format';
import { Card, Loading, PageHeader } from '../../ui/PageHeader';
import './ImageTesting.css';

/** The gallery shows the newest ones; older images stay in the account. */
const GALLERY_SIZE = 24;
const DEFAULT_SIZE = '1024x1024';
const FIELDS = ['prompt', 'size', 'style'] as const;

type StartedJob = GenerateTestImageMutation['generateTestImage'];

const sizeLabel = (size: string) => size.replace('x', ' × ');
/** The job's phases as a person reads them. */
const STEP_LABELS: Record<string, string> = {
  QUEUED: 'Queued',
  INIT: 'Starting',
  PREP: 'Preparing',
  AI_CALL: 'Generating',
  PARSE: 'Checking',
  SAVE: 'Saving',
  DONE: 'Done',
};

function TestImageFigure({ image, caption }: { image: TestImageTileFragment; caption?: string }) {
  return (
    <figure className="test-image" data-testid="test-image">
      <a href={image.url} target="_blank" rel="noreferrer" className="test-image-frame">
        <img src={image.url} alt={image.prompt} loading="lazy" />
      </a>
      <figcaption>
        <p className="test-image-prompt">{image.prompt}</p>
        <p className="muted">
          {caption ?? formatDateTime(image.createdAt)} · {sizeLabel(image.size)}
          {image.style && ` · ${image.style}`} · {image.model}
        </p>
      </figcaption>
    </figure>
  );
}

/** The running test: a progress bar with the step and message, then the image or why it failed. */
function TestImageRun({ started, onFinished }: { started: StartedJob; onFinished: () => void }) {
  const { data, error } = useSubscription(TestImageProgressDocument, {
    variables: { id: started.id },
    onData: ({ data: event }) => {
      const status = event.data?.jobProgress.status;
      if (status && FINISHED_STATUSES.has(status)) onFinished();
    },
  });
  const job = data?.jobProgress ?? { ...started, resultSummary: null, testImage: null };

  if (job.status === 'SUCCEEDED' && job.testImage) {
    return (
      <div className="test-image-result" data-testid="test-image-result">
        <Banner tone="success" title={job.resultSummary ?? 'Image generated'} />
        <TestImageFigure image={job.testImage} caption="Just now" />
      </div>
    );
  }
  if (job.status === 'FAILED') {
    return (
      <Banner tone="error" title="The image could not be generated.">
        <p>{job.error ?? job.message}</p>
        <p>Nothing was charged for it.</p>
      </Banner>
    );
  }
  if (job.status === 'CANCELLED') {
    return <Banner tone="info" title="The image test was cancelled; its credits were given back." />;
  }
  return (
    <div className="test-image-progress" aria-live="polite">
      <progress max={100} value={job.progress} aria-label="Image test progress" data-testid="test-image-progress">
        {job.progress}%
      </progress>
      <p className="test-image-step">
        <strong>{STEP_LABELS[job.step] ?? humanize(job.step)}</strong> · {job.message} ({job.progress}%)
      </p>
      {error && (
        <Banner tone="warning" title="Live progress was interrupted.">
          {describeError(error, []).message} The image keeps being made: it will appear in the gallery below.
        </Banner>
      )}
    </div>
  );
}

export function ImageTestingPage() {
  const canEdit = useCanEditContent();
  const { data, error, loading, refetch } = useQuery(ImageTestingDocument, { variables: { first: GALLERY_SIZE } });
  const [generate, generating] = useMutation(GenerateTestImageDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);
  const [started, setStarted] = useState<StartedJob | null>(null);

  if (loading && !data) return <Loading label="Loading image testing…" />;
  if (!data) {
    return (
      <div className="page">
        <LoadFailedBanner title="Image testing could not be loaded." error={error} onRetry={() => void refetch()} />
      </div>
    );
  }

  const cost = data.estimateCredits;
  const available = data.creditBalance.available;
  const images = data.testImages.edges.map((edge) => edge.node);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { prompt = '', size = DEFAULT_SIZE, style = '' } = formValues(event.currentTarget);
    try {
      const result = await generate({ variables: { input: { prompt, size, style: style || null } } });
      if (result.data) setStarted(result.data.generateTestImage);
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <div className="page">
      <PageHeader
        title="Image testing"
        description={
          <>
            Generate a sample image to see what a prompt, a size and a style produce. Your{' '}
            <Link to="/thinker/prompts">Image generation prompt</Link> is wrapped around the words, as it is for article
            images.
          </>
        }
      />
      <Card title="New test image">
        {canEdit ? (
          <form onSubmit={submit} className="form" noValidate aria-label="New test image">
            <FormFailureBanner failure={failure} />
            <TextAreaField
              label="What should the image show?"
              name="prompt"
              rows={4}
              required
              minLength={3}
              maxLength={1000}
              placeholder="A red bicycle leaning on a brick wall in the morning sun"
              errors={errorsFor('prompt')}
            />
            <div className="form-grid">
              <SelectField label="Size" name="size" defaultValue={DEFAULT_SIZE} errors={errorsFor('size')}>
                {data.testImageSizes.map((size) => (
                  <option key={size} value={size}>
                    {sizeLabel(size)}
                  </option>
                ))}
              </SelectField>
              <Field
                label="Style"
                name="style"
                maxLength={100}
                placeholder="e.g. watercolour, photorealistic"
                hint="Optional."
                errors={errorsFor('style')}
              />
            </div>
            <p className="test-image-cost" data-testid="test-image-cost">
              Costs <strong>{formatNumber(cost)} credits</strong> per image ·{' '}
              <span data-testid="available-credits">{formatNumber(available)}</span> credits available
            </p>
            {available < cost && (
              <Banner tone="warning">
                This account has fewer credits than one image costs. <Link to="/billing/credits">Add credits</Link> to
                test images.
              </Banner>
            )}
            <FormActions busy={generating.loading} busyLabel="Starting…">
              Generate image
            </FormActions>
          </form>
        ) : (
          <Banner tone="info">
            Only editors, admins and owners can generate test images; you can look at the ones made so far.
          </Banner>
        )}
        {started && (
          <TestImageRun
            key={started.id}
            started={started}
            // The gallery and the credits change when the job ends.
            onFinished={() => void refetch()}
          />
        )}
      </Card>
      <Card
        title="Previous test images"
        description={
          data.testImages.totalCount > images.length
            ? `The ${images.length} most recent of ${formatNumber(data.testImages.totalCount)}.`
            : undefined
        }
      >
        {images.length === 0 ? (
          <p className="empty-state">No test images yet.</p>
        ) : (
          <div className="test-image-gallery" data-testid="test-image-gallery">
            {images.map((image) => (
              <TestImageFigure key={image.id} image={image} />
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}
